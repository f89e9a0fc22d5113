"""Money-mule (geldezel) recruitment cues (after normalisation). Pattern syntax: see :mod:`.grooming`."""

LABEL = "money_mule"

KEYWORDS = (
    "pinpas", "pincode", "rekening", "bankapp", "bank app", "digid", "inloggegevens", "geldezel",
    "uitlenen", "lenen", "verhuren", "snel geld", "makkelijk geld", "bijverdienen", "overmaken",
    "doorsturen", "doorstorten", "opnemen", "pinnen", "crypto", "wallet", "niks illegaal",
    "geen risico", "percentage", "procent", "financieel assistent",
)

CUES = {
    "recruitment": [
        "pinpas|rekening|bankapp|digid|pincode ... uitlenen|lenen|verhuren|verkopen|geven",
        "leen|verhuur|verkoop ... pinpas|rekening|pincode", "snel|makkelijk geld", "geld verdienen",
        "bijverdienen", "_bedrag_ per dag|week|keer", "niks|niets illegaal", "geen risico",
        "geld ... doorsturen|doorstorten|overmaken|opnemen|pinnen", "er komt geld op je rekening",
        "procent|percentage van", "crypto|wallet|bitcoin", "inloggegevens|inlogcodes",
        "financieel|financiele assistent|medewerker", "geldezel",
    ],
    "secrecy": ["niemand merkt|weet het", "zeg niks tegen", "het is veilig", "niemand komt erachter"],
}
