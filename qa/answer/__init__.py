"""Answers from passages: the offline extractive answerer and the optional LLM answerer."""
