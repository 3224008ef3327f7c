"""Kabar's question-answering side: store, embeddings, retrieval, answers."""

from qa.documents import Article, Chunk, Passage

__all__ = ["Assistant", "Article", "Chunk", "Passage"]


def __getattr__(name: str):
    # Imported lazily so that `import qa.documents` (used by ingest/) stays light.
    if name == "Assistant":
        from qa.assistant import Assistant

        return Assistant
    raise AttributeError(name)
