"""Threat and intimidation cues (after normalisation). Pattern syntax: see :mod:`.grooming`."""

LABEL = "threat"

KEYWORDS = (
    "weten waar je woont", "waar je woont", "ik steek", "steken", "mes", "pistool", "dood",
    "kapot", "klappen", "slaan", "afmaken", "vermoorden", "je familie", "je moeder", "je broertje",
    "je zusje", "je huis", "in brand", "opwachten", "na school", "pas maar op", "je bent klaar",
    "we komen", "snitch", "verraden", "praat",
)

CUES = {
    "leverage": [
        "we|ik weten|weet waar je woont|traint|slaapt|zit", "waar je woont", "je moeder|vader|broertje|zusje|familie ... ook",
        "ik steek|sla|pak ... je", "steken|slaan|afmaken|vermoorden|kapotmaken", "mes|pistool|wapen",
        "je bent dood|klaar|erbij", "je gaat eraan", "we komen ... langs|halen", "pas|kijk maar op",
        "in brand", "opwachten|wachten op je", "als je praat|lult|iets zegt", "snitch|verraden|verklikken",
        "het zou jammer zijn als", "ik zou ... niet ... alleen", "klappen|klap krijgen",
    ],
}
