"""Full-text index over people (name, organization, title, email, tags) for the filter box.

Kept in step with ``person`` and ``organization`` by triggers, so every writer,
importers included, keeps it current without knowing it exists.
"""

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


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)
