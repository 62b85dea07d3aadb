"""Full-text index over people (name, organization, title, email, tags) for the filter box.

Kept in step with ``person`` and ``organization`` by triggers, so every writer,
importers included, keeps it current without knowing it exists.

On PostgreSQL the index is a ``tsvector`` per person (``person_search.document``, under a
GIN index) in a text search configuration of its own, ``netdesk_search``: words split
where SQLite's tokenizer splits them (at anything not a letter or digit), lower-cased and
without accents (the ``unaccent`` extension), so a prefix finds the same people on both.
Its triggers watch only the columns it indexes, as SQLite's do from migration 0012.
"""

from netdesk.db.dialect import is_server

_PERSON_ROW = """
    SELECT NEW.id,
           trim(NEW.first_name || ' ' || NEW.last_name),
           coalesce((SELECT name FROM organization WHERE id = NEW.organization_id), ''),
           NEW.job_title, NEW.email, NEW.tags
"""

STATEMENTS = [
    """CREATE VIRTUAL TABLE person_search USING fts5(
           name, organization, job_title, email, tags,
           tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')""",
    f"""CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
           INSERT INTO person_search (rowid, name, organization, job_title, email, tags)
           {_PERSON_ROW};
       END""",
    f"""CREATE TRIGGER person_search_update AFTER UPDATE ON person BEGIN
           DELETE FROM person_search WHERE rowid = OLD.id;
           INSERT INTO person_search (rowid, name, organization, job_title, email, tags)
           {_PERSON_ROW};
       END""",
    """CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
           DELETE FROM person_search WHERE rowid = OLD.id;
       END""",
    """CREATE TRIGGER person_search_organization AFTER UPDATE OF name ON organization BEGIN
           UPDATE person_search SET organization = NEW.name
            WHERE rowid IN (SELECT id FROM person WHERE organization_id = NEW.id);
       END""",
    """INSERT INTO person_search (rowid, name, organization, job_title, email, tags)
       SELECT p.id, trim(p.first_name || ' ' || p.last_name), coalesce(o.name, ''),
              p.job_title, p.email, p.tags
         FROM person p LEFT JOIN organization o ON o.id = p.organization_id""",
]


_WORDS = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, " \
         "hword_part, hword_numpart"

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION netdesk_search (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION netdesk_search ALTER MAPPING FOR {_WORDS} "
    "WITH unaccent, simple",
    'CREATE TABLE "person_search" ('
    '"person_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"document" tsvector NOT NULL)',
    'CREATE INDEX "person_search_document" ON "person_search" USING gin ("document")',
    # A short prefix ("o") matches most people; the default sample of the documents tells
    # the planner a few dozen, and it would then fetch them one by one.
    'ALTER TABLE "person_search" ALTER COLUMN "document" SET STATISTICS 1000',
    """CREATE FUNCTION netdesk_person_document(first_name TEXT, last_name TEXT,
                                               organization_id INTEGER, job_title TEXT,
                                               email TEXT, tags TEXT) RETURNS tsvector
       LANGUAGE sql STABLE AS $$
         SELECT to_tsvector('netdesk_search', regexp_replace(concat_ws(' ', $1, $2,
                (SELECT o.name COLLATE "default" FROM organization o WHERE o.id = $3),
                $4, $5, $6), '[^[:alnum:]]+', ' ', 'g'))
       $$""",
    """CREATE FUNCTION netdesk_person_search() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO person_search (person_id, document)
              VALUES (NEW.id, netdesk_person_document(NEW.first_name, NEW.last_name,
                      NEW.organization_id, NEW.job_title, NEW.email, NEW.tags))
         ON CONFLICT (person_id) DO UPDATE SET document = excluded.document;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER person_search_insert AFTER INSERT ON person
       FOR EACH ROW EXECUTE FUNCTION netdesk_person_search()""",
    """CREATE TRIGGER person_search_update
       AFTER UPDATE OF first_name, last_name, organization_id, job_title, email, tags
       ON person FOR EACH ROW EXECUTE FUNCTION netdesk_person_search()""",
    """CREATE FUNCTION netdesk_organization_search() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE person_search s
            SET document = netdesk_person_document(p.first_name, p.last_name,
                           p.organization_id, p.job_title, p.email, p.tags)
           FROM person p WHERE p.organization_id = NEW.id AND s.person_id = p.id;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER person_search_organization AFTER UPDATE OF name ON organization
       FOR EACH ROW EXECUTE FUNCTION netdesk_organization_search()""",
    """INSERT INTO person_search (person_id, document)
       SELECT id, netdesk_person_document(first_name, last_name, organization_id, job_title,
                                          email, tags) FROM person""",
]


def up(migrator, db):
    for statement in POSTGRESQL if is_server(db) else STATEMENTS:
        db.execute_sql(statement)
