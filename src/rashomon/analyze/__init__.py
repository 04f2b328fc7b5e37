"""Per-document analysis (figures, attribution, hedges, ...) over one spaCy pipeline."""

from .pipeline import ANALYSIS_VERSION, DocAnalysis, analyze_documents, embed_claims, load_nlp

__all__ = ["ANALYSIS_VERSION", "DocAnalysis", "analyze_documents", "embed_claims", "load_nlp"]
