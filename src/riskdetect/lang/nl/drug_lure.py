"""Drug-running lure cues (after normalisation). Pattern syntax: see :mod:`.grooming`."""

LABEL = "drug_lure"

KEYWORDS = (
    "wiet", "joint", "coke", "pillen", "hasj", "pakket", "spullen", "rondbrengen", "bezorgen",
    "runner", "koerier", "lijn", "dealen", "bewaren", "tas", "uitkijk", "haven", "uithalen",
    "container", "gratis", "roken", "bandoe", "hoek", "bolletje", "niet openmaken", "schuld",
    "terugwerken", "kwijt",
)

CUES = {
    "gifts": [
        "gratis wiet|joint|roken|pillen|hasj", "eerste ... is|gaat gratis", "kom chillen", "wil je ... roken",
        "wij hebben wat", "van ons|mij krijg je",
    ],
    "recruitment": [
        "pakket|spullen|tas|dingen ... rondbrengen|brengen|bezorgen|afleveren|wegbrengen|ophalen",
        "runner|koerier|lijn draaien|lijntje", "dealen|verkopen voor ons", "tas|spullen ... bewaren",
        "niet openmaken", "op de uitkijk", "in de haven|container ... uithalen|werken", "uithalen",
        "bijverdienen|verdienen ... _bedrag_", "je hoeft niks te weten", "scooter|fiets ... rijden",
        "werk voor je", "minderjarig ... niks|niets",
    ],
    "debt": [
        "pakket|spullen ... kwijt", "je bent ons|me ... schuldig", "terugwerken|terugbetalen",
        "schuld", "in het krijt",
    ],
    "private_platform": ["telegram|snapchat ... werk", "stuur ... prive bericht"],
}
