"""Grooming and loverboy cues (Dutch, after normalisation: slang already canonical).

``KEYWORDS``: word stems for the fast lexicon features and the keyword baseline.
``CUES``: stage -> phrase patterns for the spaCy matcher. Pattern syntax: words
are matched on their lemma; ``a|b`` alternatives; a trailing ``?`` makes a word
optional; ``...`` skips up to three words; a trailing ``*`` matches a prefix.
"""

LABEL = "grooming"

KEYWORDS = (
    "volwassen voor", "alleen thuis", "tegen je ouders", "ons geheim", "niemand hoeft",
    "verwijder de chat", "verdwijn", "selfie", "camera aan", "facetime", "videobel",
    "afspreken", "ophalen", "hoe oud", "welke klas", "v-bucks", "vbucks", "robux", "beltegoed",
    "lieverd", "schatje", "prinses", "model", "anders dan de rest", "snapt je niet",
    "alles voor je gedaan", "na alles wat", "mijn vriend", "voor mij doen", "je bent van mij",
)

CUES = {
    "flattery": [
        "zo|heel|echt volwassen", "volwassen voor je leeftijd", "anders dan de rest|anderen",
        "mooi|knap meisje|jongen", "je bent speciaal", "jij begrijpt mij", "ik begrijp jou",
        "niemand begrijpt je", "model|modellenwerk ... worden", "je kan model worden",
    ],
    "age_probing": [
        "hoe oud ben je|jij", "welke klas|groep zit je", "zit je op de basisschool|middelbare",
        "hoe oud ... je", "ben je al 12|13|14|15|16",
    ],
    "secrecy": [
        "niet|niks tegen je ouders|moeder|vader|mama|papa", "zeg het|dit niet|niks tegen",
        "ons|onze geheim|geheimpje", "tussen ons|jou en mij", "niemand hoeft|mag het te? weten",
        "verwijder de|dit chat|gesprek|berichten", "je ouders snappen|begrijpen het niet",
        "vertel het aan niemand",
    ],
    "private_platform": [
        "voeg me toe op snapchat|telegram|whatsapp|instagram", "op snapchat|telegram verder",
        "verdwijnende berichten", "ander|tweede|geheim account", "prive bericht", "stuur je nummer",
        "kom|ga naar snapchat|telegram|discord",
    ],
    "image_request": [
        "stuur ... foto|selfie|fotootje|pic|video", "camera|cam aan", "facetime|videobellen",
        "laat je ... zien", "foto alleen voor mij", "in je pyjama|bikini",
    ],
    "meeting": [
        "afspreken", "zullen we ... afspreken|ontmoeten", "ik kom je ophalen|halen",
        "ik haal je op", "kom naar mijn huis", "ben je alleen thuis", "waar woon je",
    ],
    "gifts": [
        "v-bucks|vbucks|robux|beltegoed", "ik koop|geef je ... cadeau|telefoon|schoenen|tas",
        "ik betaal", "nieuwe telefoon|iphone",
    ],
    "debt": [
        "na alles wat ik voor je ... gedaan", "je bent me ... schuldig", "je staat bij mij in het krijt",
        "ik heb zoveel voor je gedaan",
    ],
    "recruitment": [
        "doe het voor mij", "een keer met mijn vriend|maat", "geld voor ons verdienen",
        "voor mij werken", "als je echt van me houdt",
    ],
}
