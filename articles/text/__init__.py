"""Chinese text helpers shared by the importer, the search engine and enrichment."""
