"""The front-desk agent: conversation pipeline, router, composers, LLM clients and channels."""
