"""Names the PostgreSQL engine's SQL shares (the table itself: migration
``0015_postgresql_search_documents``)."""

TABLE = "articles_search_document"
