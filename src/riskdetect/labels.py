"""The risk taxonomy: label ids, descriptions, severity and mappings to other taxonomies.

>>> LABELS
('grooming', 'sextortion', 'money_mule', 'drug_lure', 'threat')
>>> TAXONOMY["money_mule"].name_nl
'geldezel-werving'
>>> by_severity()[0]
'sextortion'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LABELS", "LabelInfo", "TAXONOMY", "by_severity"]


@dataclass(frozen=True)
class LabelInfo:
    """One risk label: what it means in Dutch and English, how severe, and where it maps."""

    id: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    severity: int  # 1 = most severe
    cue_examples: tuple[str, ...]
    openai_moderation: tuple[str, ...] = field(default=())
    mlcommons_hazards: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name_nl": self.name_nl,
            "name_en": self.name_en,
            "description_nl": self.description_nl,
            "description_en": self.description_en,
            "severity": self.severity,
            "cue_examples": list(self.cue_examples),
            "openai_moderation": list(self.openai_moderation),
            "mlcommons_hazards": list(self.mlcommons_hazards),
        }


_INFOS = (
    LabelInfo(
        id="grooming",
        name_nl="grooming en loverboy-tactiek",
        name_en="grooming (including loverboy tactics)",
        description_nl=(
            "Een volwassene of duidelijk oudere werkt een minderjarige toe naar seksueel misbruik of "
            "uitbuiting: vleien, naar leeftijd vragen met romantische bedoelingen, geheimhouding, "
            "isoleren van ouders en vrienden, naar een privé-app verhuizen, om foto's of de camera "
            "vragen, afspreken, cadeaus; of een loverboy die afhankelijkheid en schuld opbouwt en dan "
            "'een gunst' vraagt."
        ),
        description_en=(
            "An adult or clearly older person works a minor towards sexual abuse or exploitation: "
            "flattery, age probing with romantic intent, secrecy, isolation from parents and friends, "
            "moving to a private app, asking for photos or the camera, proposing to meet, gifts; or a "
            "loverboy who builds dependency and debt and then asks for 'a favour'."
        ),
        severity=2,
        cue_examples=(
            "je bent zo volwassen voor je leeftijd",
            "zeg niks tegen je ouders, dit is tussen ons",
            "voeg me toe op snap, daar verdwijnen de berichten",
            "stuur een selfie, alleen voor mij",
            "na alles wat ik voor je gedaan heb doe je dit ene ding voor mij",
        ),
        openai_moderation=("sexual/minors", "harassment"),
        mlcommons_hazards=("S4 child sexual exploitation", "S3 sex-related crimes"),
    ),
    LabelInfo(
        id="sextortion",
        name_nl="sextortion (afpersing met beelden)",
        name_en="sextortion",
        description_nl=(
            "Iemand gebruikt intieme of compromitterende beelden (echt, nep of alleen beweerd) om geld, "
            "cadeaukaarten, meer beelden of gehoorzaamheid af te dwingen, vaak met een deadline en de "
            "dreiging ze naar familie, school of volgers te sturen."
        ),
        description_en=(
            "Someone uses intimate or compromising images (real, fake or merely claimed) to extort "
            "money, gift cards, more images or compliance, often with a deadline and the threat of "
            "sending them to family, school or followers."
        ),
        severity=1,
        cue_examples=(
            "betaal 300 euro of ik stuur je video naar al je volgers",
            "je hebt een uur, daarna ziet je moeder die foto",
            "ik heb je account gehackt en heb je beelden",
        ),
        openai_moderation=("sexual/minors", "harassment/threatening"),
        mlcommons_hazards=("S4 child sexual exploitation", "S3 sex-related crimes"),
    ),
    LabelInfo(
        id="money_mule",
        name_nl="geldezel-werving",
        name_en="money-mule recruitment",
        description_nl=(
            "Werven van (jonge) mensen om hun bankpas, pincode, rekening, bank-app of DigiD uit te lenen, "
            "te verhuren of te verkopen, of om geld of crypto te ontvangen en door te sluizen."
        ),
        description_en=(
            "Recruiting (young) people to lend, rent out or sell their bank card, PIN, account, banking "
            "app or DigiD login, or to receive and pass on money or crypto."
        ),
        severity=5,
        cue_examples=(
            "leen je pinpas een dag uit en verdien 200 euro",
            "er komt geld op je rekening, jij haalt het eraf en geeft het door",
            "snel geld, niks illegaals, alleen je pas en code",
        ),
        openai_moderation=("illicit",),
        mlcommons_hazards=("S2 non-violent crimes (financial crimes)",),
    ),
    LabelInfo(
        id="drug_lure",
        name_nl="ronselen voor drugshandel",
        name_en="drug-running lure",
        description_nl=(
            "Minderjarigen lokken of ronselen voor de drugshandel: gratis drugs om te binden, pakketjes "
            "rondbrengen, runner of koerier zijn, spullen bewaren, op de uitkijk staan, uithalen in de "
            "haven, en de drugsschuld die volgt."
        ),
        description_en=(
            "Luring or recruiting minors into the drug trade: free drugs to hook them, delivering "
            "packages, running or couriering, stashing goods, keeping lookout, retrieving goods in the "
            "port, and the drug debt that follows."
        ),
        severity=4,
        cue_examples=(
            "eerste is gratis, kom chillen",
            "wil je bijverdienen? alleen wat pakketjes rondbrengen",
            "bewaar deze tas een week, niet openmaken, je krijgt 100",
            "je bent een pakket kwijt, dat ga je terugwerken",
        ),
        openai_moderation=("illicit", "illicit/violent"),
        mlcommons_hazards=("S2 non-violent crimes (drug crimes, labour exploitation)", "S1 violent crimes"),
    ),
    LabelInfo(
        id="threat",
        name_nl="bedreiging",
        name_en="threat",
        description_nl=(
            "Dreigen met geweld of ernstige schade aan een persoon, familie, huis of bezit, ook de "
            "intimidatie die jongeren in het gareel houdt ('we weten waar je woont'), en dreigen of "
            "oproepen tot geweld tegen een groep (een klas, een school, een geloof, een afkomst)."
        ),
        description_en=(
            "Threatening violence or serious harm to a person, their family, home or property, "
            "including the intimidation that keeps young people in line ('we know where you live'), "
            "and threats or calls for violence against a group (a class, a school, a religion, an origin)."
        ),
        severity=3,
        cue_examples=(
            "we weten waar je woont",
            "als je praat ben je klaar",
            "je broertje loopt ook alleen naar school",
        ),
        openai_moderation=("harassment/threatening", "violence"),
        mlcommons_hazards=("S1 violent crimes",),
    ),
)

LABELS: tuple[str, ...] = tuple(info.id for info in _INFOS)
TAXONOMY: dict[str, LabelInfo] = {info.id: info for info in _INFOS}


def by_severity(labels=LABELS) -> list[str]:
    """Labels ordered from most to least severe; unknown labels (retrained models) last."""
    return sorted(labels, key=lambda label: TAXONOMY[label].severity if label in TAXONOMY else 99)
