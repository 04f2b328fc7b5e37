"""rashomon: lay out, with evidence, what each of many news reports says about one contested event.

>>> import rashomon
>>> summary = rashomon.analyze(["reports/"], "dossier/")   # doctest: +SKIP
>>> summary.paths["json"]                                   # doctest: +SKIP
PosixPath('dossier/dossier.json')
"""

__version__ = "0.1.0"

from .config import Settings
from .dossier import build_dossier, validate_dossier
from .errors import FetchRefused, InputError, ModelError, RashomonError, StoreError
from .model import Dossier, Figure
from .models import Document, InputFailure
from .store import Store
from .workflow import RunSummary, analyse_store, analyse_texts, analyze, ingest, write_outputs

__all__ = [
    "Document",
    "Dossier",
    "FetchRefused",
    "Figure",
    "InputError",
    "InputFailure",
    "ModelError",
    "RashomonError",
    "RunSummary",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "analyse_store",
    "analyse_texts",
    "analyze",
    "build_dossier",
    "ingest",
    "validate_dossier",
    "write_outputs",
]
