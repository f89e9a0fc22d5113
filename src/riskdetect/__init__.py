"""riskdetect: offline detection of online risks aimed at minors in Dutch chat text.

>>> from riskdetect import Detector
>>> detector = Detector.load()
>>> detector.check("zeg niks tegen je ouders, dit blijft tussen ons").flagged
True
"""

__version__ = "0.1.0"

from .conversation import ConversationMonitor, ConversationScan  # noqa: E402
from .detector import Detector  # noqa: E402
from .inputs import InvalidInputError  # noqa: E402
from .labels import LABELS, TAXONOMY  # noqa: E402
from .normalize import Normalized, normalize, normalize_text  # noqa: E402
from .result import Result, Span  # noqa: E402

__all__ = [
    "Detector",
    "ConversationMonitor",
    "ConversationScan",
    "Result",
    "Span",
    "LABELS",
    "TAXONOMY",
    "InvalidInputError",
    "Normalized",
    "normalize",
    "normalize_text",
    "__version__",
]
