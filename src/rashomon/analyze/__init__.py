"""Per-document analysis (figures, attribution, hedges, ...) over one spaCy pipeline."""

from .pipeline import ANALYSIS_VERSION, DocAnalysis, analyse_batch, analyze_documents, embed_claims, load_nlp

__all__ = ["ANALYSIS_VERSION", "DocAnalysis", "analyse_batch", "analyze_documents", "embed_claims", "load_nlp"]
