"""Dutch (Netherlands and Flemish) chat language data for riskdetect.

Every module here is data only: character maps, slang, emoji and the cue
patterns per risk label (one module per label). Logic lives in
:mod:`riskdetect.normalize` and :mod:`riskdetect.cues`.
"""

from . import drug_lure, grooming, money_mule, sextortion, threat

CATEGORY_MODULES = (grooming, sextortion, money_mule, drug_lure, threat)

# Stage cues: soft, unordered signals (stages need not come in order).
STAGES = (
    "flattery", "age_probing", "secrecy", "private_platform", "image_request",
    "meeting", "gifts", "leverage", "recruitment", "debt",
)
