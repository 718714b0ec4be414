"""The PostgreSQL search engine's table (``articles.search.pg``): created on PostgreSQL only.

No Django model: the table is read and written with SQL by ``articles.search.pg`` alone, and on
SQLite it does not exist (Django's delete collector must never look for it). The search document
is deleted with its article by the database itself (a trigger), in the same transaction.
The table starts empty: with ``SEARCH_ENGINE=postgresql`` run ``manage.py build_index`` once.
"""

from django.db import migrations

from ._postgresql import postgresql_only

# Frozen here (a migration must not change with the code); what each column is for and how the
# indexes were chosen: articles/search/pg/__init__.py.
CREATE_SQL = """
CREATE TABLE articles_search_document (
    article_id bigint PRIMARY KEY,
    words tsvector NOT NULL,
    grams tsvector NOT NULL,
    exact text NOT NULL,
    title_exact text NOT NULL,
    date date,
    year integer,
    page_name text NOT NULL DEFAULT '',
    newspaper text NOT NULL DEFAULT '',
    city text[] NOT NULL DEFAULT '{}',
    county text[] NOT NULL DEFAULT '{}',
    topics text[] NOT NULL DEFAULT '{}',
    persons text[] NOT NULL DEFAULT '{}',
    person_names text[] NOT NULL DEFAULT '{}',
    slug text NOT NULL DEFAULT '',
    kicker text NOT NULL DEFAULT '',
    headline text NOT NULL DEFAULT '',
    subtitle text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    page_number integer,
    updated text NOT NULL DEFAULT '',
    version integer
);
CREATE INDEX articles_search_document_words ON articles_search_document USING gin (words);
CREATE INDEX articles_search_document_grams ON articles_search_document USING gin (grams);
CREATE INDEX articles_search_document_people ON articles_search_document USING gin (persons, person_names);
CREATE INDEX articles_search_document_date ON articles_search_document (date, article_id);
-- An article's document goes with the article, in the same transaction. Triggers, not a foreign
-- key: Django's flush (TRUNCATE without CASCADE, in tests) would refuse a table referenced by one.
CREATE FUNCTION articles_search_document_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE articles_search_document;
    ELSE
        DELETE FROM articles_search_document WHERE article_id = OLD.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_search_document_forget_deleted AFTER DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_search_document_forget();
CREATE TRIGGER articles_search_document_forget_truncated AFTER TRUNCATE ON articles_article
    FOR EACH STATEMENT EXECUTE FUNCTION articles_search_document_forget();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS articles_search_document_forget_deleted ON articles_article;
DROP TRIGGER IF EXISTS articles_search_document_forget_truncated ON articles_article;
DROP FUNCTION IF EXISTS articles_search_document_forget();
DROP TABLE IF EXISTS articles_search_document;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0014_topic_keywords_context_phrases"),
    ]

    operations = [postgresql_only(CREATE_SQL, DROP_SQL)]
