"""Row-level security at scale on PostgreSQL: 50,000 people of 50 students (a fifth shared
with the center, some with an advisor), one advisor of ten of them, one administrator.
The contact tree's counts and a page of a group, and a filter keystroke (counts and a
page), as the superuser (no policies), the administrator, the advisor and a student, on
a throwaway cluster (tests/postgres.py). Needs PostgreSQL's server installed."""

from __future__ import annotations

from netdesk.db.dialect import search_filter
from tests.benchmarks.report import report, timed

PEOPLE = 50_000
STUDENTS = 50
ORDER = "p.last_name, p.first_name, p.id"
MEMBER = "p.relationship = 'friend'"


def _queries(db) -> dict[str, tuple[str, list]]:
    search = search_filter("p.id", db).replace("?", "%s")
    page = (f"SELECT p.id, p.first_name, p.last_name, p.job_title, coalesce(o.name, '') FROM "
            f"(SELECT p.id FROM person p WHERE {MEMBER} AND {{where}} ORDER BY {ORDER} "
            f"LIMIT 200) AS page JOIN person p ON p.id = page.id "
            f"LEFT JOIN organization o ON o.id = p.organization_id ORDER BY {ORDER}")
    return {
        "tree counts by relationship": (
            "SELECT p.relationship, count(*) FROM person p GROUP BY 1", []),
        "tree counts by organization": (
            "SELECT p.organization_id, o.name, count(*) FROM person p LEFT JOIN organization o "
            "ON o.id = p.organization_id GROUP BY p.organization_id, o.name "
            "ORDER BY o.name IS NULL, o.name", []),
        "tree counts by career field": (
            "SELECT f.id, f.name, count(*) FROM person_career_field l JOIN career_field f "
            "ON f.id = l.career_field_id JOIN person p ON p.id = l.person_id "
            "GROUP BY f.id, f.name ORDER BY f.name", []),
        "tree page (200 of a group)": (page.format(where="TRUE"), []),
        "filter 'ann': counts": (
            f"SELECT p.relationship, count(*) FROM person p WHERE {search} GROUP BY 1",
            ["'ann':*"]),
        "filter 'ann12': page": (page.format(where=search), ["'ann12':*"]),
    }


def _fill(cluster, name: str) -> None:
    students = [f"bench_student_{i}" for i in range(STUDENTS)]
    first = ["Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo"]
    relationships = "ARRAY['family', 'friend', 'coworker', 'classmate', 'acquaintance']"
    cluster.execute(
        *(f"CREATE ROLE {r} LOGIN IN ROLE netdesk_student" for r in students),
        "CREATE ROLE bench_advisor LOGIN IN ROLE netdesk_advisor",
        "CREATE ROLE bench_admin LOGIN IN ROLE netdesk_admin")
    cluster.execute(
        "INSERT INTO netdesk_member (role, name, kind) VALUES "
        "('bench_advisor', 'Advisor', 'advisor'), ('bench_admin', 'Admin', 'admin')",
        *(f"INSERT INTO netdesk_member (role, name, kind, advisor) VALUES ('{r}', '{r}', "
          f"'student', {repr('bench_advisor') if i < 10 else 'NULL'})"
          for i, r in enumerate(students)),
        "INSERT INTO organization (name, sector, website, culture_notes, notes, created, "
        "updated) SELECT 'Org ' || g, '', '', '', '', now(), now() "
        "FROM generate_series(1, 2000) g",
        "INSERT INTO career_field (name, description, created, updated) "
        "SELECT 'Field ' || g, '', now(), now() FROM generate_series(1, 40) g",
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, "
        "organization_id, job_title, relationship, source, stage, tags, notes, "
        "research_notes, created, updated, owner, sharing) "
        f"SELECT (ARRAY{first})[1 + g % 10] || g, 'Last' || (g * 7919 % {PEOPLE}), '', '', "
        f"'', 1 + g % 2000, 'Engineer', ({relationships})[1 + g % 5], '', 'to_contact', '', "
        f"'', '', now(), now(), 'bench_student_' || ((g * 31) % {STUDENTS}), "
        "CASE WHEN (g / 3) % 5 = 0 THEN 'center' WHEN (g / 3) % 7 = 0 THEN 'advisor' "
        f"ELSE 'private' END FROM generate_series(1, {PEOPLE}) g",
        "INSERT INTO person_career_field (person_id, career_field_id) "
        "SELECT id, 1 + id % 40 FROM person",
        "ANALYZE", database=name)


def main() -> None:
    import psycopg

    from tests.postgres import Cluster

    cluster = Cluster()
    try:
        cluster.make_template()
        name = cluster.new_database().rsplit("/", 1)[1]
        _fill(cluster, name)
        users = {"superuser": "postgres", "administrator": "bench_admin",
                 "advisor": "bench_advisor", "student": "bench_student_3"}
        from netdesk.db.server import connect

        for query, (sql, params) in _queries(connect(cluster.url(name))).items():
            baseline = None
            for label, user in users.items():
                with psycopg.connect(cluster.url(name, user), autocommit=True) as connection:
                    connection.execute("SET jit = off")  # as migration 0017 sets the database
                    connection.execute(sql, params).fetchall()
                    value = timed(lambda c=connection, q=sql, p=params:
                                  c.execute(q, p).fetchall(), repeat=7)
                report(f"{query}, as {label}", value, baseline=baseline)
                baseline = value if baseline is None else baseline
    finally:
        cluster.stop()  # the roles go with the cluster


if __name__ == "__main__":
    main()
