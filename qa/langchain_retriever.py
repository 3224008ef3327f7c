"""Kabar as a LangChain retriever, so it drops into any LangChain chain."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from qa.settings import DEFAULT_K


class KabarRetriever(BaseRetriever):
    """Hybrid multilingual search over a Kabar store; each Document carries the passage metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    k: int = DEFAULT_K
    where: dict | None = None

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages = self.assistant.search(query, k=self.k, where=self.where)
        return [Document(page_content=p.text, id=p.chunk_id,
                         metadata={k: v for k, v in p.to_dict().items()
                                   if k != "text" and v is not None})
                for p in passages]
