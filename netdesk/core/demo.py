"""The sample network: a believable student's network, for newcomers, screenshots and tests.

Dates are relative to today so the sample always has something due, something
upcoming and something past.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from netdesk.core.question_bank import ensure_default_questions
from netdesk.db import models
from netdesk.db.database import open_database
from netdesk.db.private import remove_sqlite_files

ORGANIZATIONS = [
    # name, sector, website, culture notes
    ("Cascade County Health Department", "government", "https://health.cascade.example",
     "Small teams, steady hours, lots of community outreach."),
    ("City of Riverton Planning Office", "government", "https://planning.riverton.example",
     "Public meetings twice a month; long project timelines."),
    ("State Transportation Agency", "government", "https://transport.state.example", ""),
    ("Brightleaf Software", "private", "https://brightleaf.example",
     "Product teams of six to eight; remote-friendly; weekly demos."),
    ("Northwind Analytics", "private", "https://northwind.example",
     "Consulting rhythm: short projects, many clients."),
    ("Harbor & Finch Architects", "private", "https://harborfinch.example", ""),
    ("Daily Courier", "private", "https://courier.example", "Newsroom; deadlines every evening."),
    ("Open Paths Foundation", "nonprofit", "https://openpaths.example",
     "Mission-driven, small budget, everyone wears several hats."),
    ("Green Streets Alliance", "nonprofit", "https://greenstreets.example", ""),
    ("Food Share Network", "nonprofit", "https://foodshare.example", ""),
    ("Riverton University", "education", "https://riverton.example",
     "Research groups; academic calendar shapes the year."),
    ("Lakeside Community College", "education", "https://lakeside.example", ""),
]

CAREER_FIELDS = [
    ("Public health", "Epidemiology, health promotion, community programmes."),
    ("Urban planning", "Land use, transport, housing and public space."),
    ("Software engineering", "Building and running software products."),
    ("Data journalism", "Reporting with data, graphics and investigation."),
    ("UX research", "Studying how people use products and services."),
]

# key, first, last, organization (index or None), title, relationship, stage, fields, source
PEOPLE = [
    ("mum", "Maria", "Okafor", None, "Nurse (retired)", "family", "keeping_in_touch", [0], ""),
    ("uncle", "Daniel", "Okafor", 2, "Traffic engineer", "family", "interviewed", [1], ""),
    ("cousin", "Priya", "Raman", 3, "Senior software engineer", "family", "contacted", [2], ""),
    ("neighbour", "Tom", "Becker", None, "Retired teacher", "neighbour", "keeping_in_touch", [],
     "Street party"),
    ("friend1", "Lena", "Fischer", 6, "Reporter", "friend", "thanked", [3], ""),
    ("friend2", "Jonas", "Weber", None, "Graduate student", "friend", "to_contact", [4], ""),
    ("classmate1", "Aisha", "Khan", None, "Student", "classmate", "contacted", [0], "Stats 301"),
    ("classmate2", "Mateo", "García", None, "Student", "classmate", "to_contact", [2], "Stats 301"),
    ("classmate3", "Sofia", "Rossi", None, "Student", "classmate", "to_contact", [1],
     "Geography club"),
    ("prof1", "Helen", "Marsh", 10, "Professor of Epidemiology", "professor", "interviewed", [0],
     "Public health class"),
    ("prof2", "Samuel", "Adeyemi", 10, "Associate Professor of Planning", "professor", "thanked",
     [1], "Office hours"),
    ("prof3", "Grace", "Liu", 11, "Instructor, Computer Science", "professor", "contacted", [2],
     "Intro to programming"),
    ("cowork1", "Ben", "Carter", 9, "Volunteer coordinator", "coworker", "keeping_in_touch", [],
     "Summer job"),
    ("cowork2", "Chloe", "Martin", 9, "Warehouse lead", "coworker", "to_contact", [], "Summer job"),
    ("acq1", "Omar", "Haddad", 4, "Data analyst", "acquaintance", "contacted", [2, 3],
     "Career fair"),
    ("acq2", "Yuki", "Tanaka", 5, "Architect", "acquaintance", "to_contact", [1],
     "Gallery opening"),
    # Referred people, two and three steps from the user.
    ("r_health1", "Fatima", "Noor", 0, "Epidemiologist", "referral", "meeting_set", [0], ""),
    ("r_health2", "Carlos", "Mendes", 0, "Health promotion specialist", "referral", "to_contact",
     [0], ""),
    ("r_health3", "Ingrid", "Larsen", 7, "Programme manager", "referral", "interviewed", [0], ""),
    ("r_health4", "Kwame", "Mensah", 9, "Community health worker", "referral", "to_contact", [0],
     ""),
    ("r_health5", "Rosa", "Delgado", 10, "Research coordinator", "referral", "declined", [0], ""),
    ("r_plan1", "Nadia", "Petrova", 1, "Senior planner", "referral", "interviewed", [1], ""),
    ("r_plan2", "Ethan", "Brooks", 1, "Planning technician", "referral", "to_contact", [1], ""),
    ("r_plan3", "Amara", "Obi", 8, "Policy director", "referral", "contacted", [1], ""),
    ("r_plan4", "Lucas", "Moreau", 5, "Urban designer", "referral", "to_contact", [1], ""),
    ("r_plan5", "Hannah", "Schmidt", 2, "Transit analyst", "referral", "meeting_set", [1], ""),
    ("r_soft1", "Wei", "Zhang", 3, "Engineering manager", "referral", "contacted", [2], ""),
    ("r_soft2", "Emily", "Novak", 3, "Site reliability engineer", "referral", "to_contact", [2],
     ""),
    ("r_soft3", "Arjun", "Patel", 4, "Machine learning engineer", "referral", "to_contact",
     [2, 3], ""),
    ("r_soft4", "Zoe", "Anderson", 7, "Web developer", "referral", "to_contact", [2], ""),
    ("r_soft5", "Kenji", "Mori", 10, "Research software engineer", "referral", "to_contact", [2],
     ""),
    ("r_data1", "Olivia", "Grant", 6, "Data editor", "referral", "meeting_set", [3], ""),
    ("r_data2", "Ravi", "Shah", 6, "Graphics reporter", "referral", "to_contact", [3], ""),
    ("r_data3", "Marta", "Kowalska", 4, "Visualisation designer", "referral", "to_contact",
     [3, 4], ""),
    ("r_data4", "Felix", "Braun", 8, "Communications lead", "referral", "to_contact", [3], ""),
    ("r_ux1", "Isabel", "Costa", 3, "UX researcher", "referral", "contacted", [4], ""),
    ("r_ux2", "Noah", "Williams", 4, "Service designer", "referral", "to_contact", [4], ""),
    ("r_ux3", "Leila", "Farahani", 11, "Instructional designer", "referral", "to_contact", [4],
     ""),
    ("r_ux4", "Peter", "Lindqvist", 7, "Digital services manager", "referral", "to_contact", [4],
     ""),
    ("r_misc1", "Grace", "O'Neill", 9, "Executive director", "referral", "to_contact", [0, 1],
     ""),
    ("r_misc2", "Victor", "Dubois", 2, "Data scientist", "referral", "to_contact", [1, 2], ""),
    ("r_misc3", "Mei", "Chen", 5, "Sustainability consultant", "referral", "to_contact", [1], ""),
    ("r_misc4", "Jamal", "Wright", 0, "Data manager", "referral", "to_contact", [0, 2], ""),
    ("r_misc5", "Elena", "Popescu", 11, "Career advisor", "referral", "keeping_in_touch", [],
     ""),
]

# referrer, referred, days ago, note
REFERRALS = [
    ("mum", "r_health1", 60, "Worked with her at the clinic years ago."),
    ("prof1", "r_health2", 50, ""),
    ("prof1", "r_health3", 48, "Former student of Helen's."),
    ("r_health3", "r_health4", 20, "Runs the outreach team."),
    ("r_health1", "r_health5", 25, ""),
    ("uncle", "r_plan1", 70, "Same department, different team."),
    ("prof2", "r_plan2", 40, ""),
    ("r_plan1", "r_plan3", 30, "Suggested during our interview."),
    ("r_plan3", "r_plan4", 12, ""),
    ("uncle", "r_plan5", 35, ""),
    ("cousin", "r_soft1", 45, "Priya's manager."),
    ("r_soft1", "r_soft2", 20, ""),
    ("acq1", "r_soft3", 28, ""),
    ("prof3", "r_soft4", 18, ""),
    ("r_soft1", "r_soft5", 10, "Moved to the university last year."),
    ("friend1", "r_data1", 55, "Lena's editor."),
    ("r_data1", "r_data2", 30, ""),
    ("acq1", "r_data3", 22, ""),
    ("r_data1", "r_data4", 14, ""),
    ("friend2", "r_ux1", 33, ""),
    ("r_ux1", "r_ux2", 16, ""),
    ("r_ux2", "r_ux3", 6, ""),
    ("r_ux1", "r_ux4", 8, ""),
    ("cowork1", "r_misc1", 65, "Ben's director."),
    ("r_plan5", "r_misc2", 9, ""),
    ("r_plan4", "r_misc3", 5, ""),
    ("r_health1", "r_misc4", 15, ""),
    ("neighbour", "r_misc5", 80, "Tom's former colleague."),
    ("r_health2", "r_misc4", 7, "Also suggested by Carlos."),
]

PITCH = (
    "I'm a senior at Riverton University finishing a degree in geography with a minor in "
    "statistics. I'm exploring careers where data helps communities stay healthy, such as "
    "epidemiology and health programme planning. I'd love to hear how you got into the "
    "field and what you'd recommend to someone starting out."
)


def populate_sample(today: datetime.date | None = None) -> dict[str, int]:
    """Fill the bound (empty) database with the sample network; return counts of what was added."""
    today = today or datetime.date.today()
    with models.database_proxy.atomic():
        ensure_default_questions()
        models.Profile.create(
            name="Jordan Avery", email="jordan.avery@example.org", degree="BA Geography",
            school="Riverton University", interests="Public health, cities, data",
            skills="Statistics, GIS, writing", seeking="An entry-level role in public health data",
            pitch=PITCH,
        )
        organizations = [
            models.Organization.create(name=n, sector=s, website=w, culture_notes=c)
            for n, s, w, c in ORGANIZATIONS
        ]
        fields = [models.CareerField.create(name=n, description=d) for n, d in CAREER_FIELDS]
        for index, organization in enumerate(organizations):
            models.OrganizationCareerField.create(
                organization=organization, career_field=fields[index % len(fields)]
            )
        people = {}
        for key, first, last, org, title, relationship, stage, field_ids, source in PEOPLE:
            slug = f"{first}.{last}".lower().replace("'", "").replace("í", "i")
            person = models.Person.create(
                first_name=first, last_name=last, job_title=title,
                organization=organizations[org] if org is not None else None,
                relationship=relationship, stage=stage, source=source,
                email=f"{slug}@example.org",
                linkedin_url=f"https://www.linkedin.com/in/{slug.replace('.', '-')}",
                tags="alumni" if org == 10 else "",
            )
            for field_id in field_ids:
                models.PersonCareerField.create(person=person, career_field=fields[field_id])
            people[key] = person
        for referrer, referred, days_ago, note in REFERRALS:
            models.Referral.create(
                referrer=people[referrer], referred=people[referred],
                date=today - datetime.timedelta(days=days_ago), note=note,
            )
        interviews = _add_interviews(people, fields, today)
        _add_interactions_and_follow_ups(people, today)
    return {
        "people": len(people),
        "organizations": len(organizations),
        "referrals": len(REFERRALS),
        "interviews": interviews,
    }


def write_sample_database(path: Path) -> dict[str, int]:
    """Create ``path`` as a new netdesk file holding the sample network.

    The file is written beside ``path`` and renamed into place when complete, so
    a failure never leaves a half-written database behind.
    """
    partial = path.with_name(path.name + ".partial")
    remove_sqlite_files(partial)
    db = open_database(partial)
    try:
        counts = populate_sample()
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        partial.replace(path)
    finally:
        db.close()
        remove_sqlite_files(partial)
    return counts


def _add_interviews(people, fields, today: datetime.date) -> int:
    bank = list(models.Question.select().order_by(models.Question.position))
    by_category: dict[str, list[models.Question]] = {}
    for question in bank:
        by_category.setdefault(question.category, []).append(question)

    def at(days: int, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))

    plans = [
        # person, field, days from today, hour, status, mode, place, evaluation
        ("prof1", 0, -30, 10, "done", "in_person", "Room 214, Health Sciences building",
         (5, 3, True, "Take the GIS for public health course next term.")),
        ("r_plan1", 1, -14, 14, "done", "video", "https://meet.example/nadia",
         (3, 4, True, "Go to the regional planning association's student night.")),
        ("r_health3", 0, -3, 11, "done", "phone", "+1 555 0134", None),
        ("r_health1", 0, 5, 15, "scheduled", "video", "https://meet.example/fatima", None),
        ("r_data1", 3, 9, 9, "scheduled", "in_person", "Daily Courier, 3rd floor", None),
        ("r_plan5", 1, None, 0, "planning", "phone", "", None),
    ]
    for key, field, days, hour, status, mode, place, evaluation in plans:
        interview = models.Interview.create(
            person=people[key], career_field=fields[field], status=status, mode=mode,
            place=place, scheduled_at=at(days, hour) if days is not None else None,
            duration_minutes=30 if mode != "phone" else 20,
        )
        chosen = [q for category in ("career_path", "environment", "organization", "advice")
                  for q in by_category.get(category, [])[:2]]
        for position, question in enumerate(chosen):
            models.InterviewQuestion.create(
                interview=interview, question=question, position=position, text=question.text,
                category=question.category, minutes=question.minutes,
                notes="Mentioned the field-work placement." if status == "done" and position == 0
                else "",
                mark="asked" if status == "done" else "",
            )
        if evaluation:
            occupation, organization, keep, advice = evaluation
            interview.interest_occupation = occupation
            interview.interest_organization = organization
            interview.keep_exploring = keep
            interview.advice = advice
            interview.thank_you_sent = (at(days, hour) + datetime.timedelta(days=1)).date()
            interview.save()
    return len(plans)


def _add_interactions_and_follow_ups(people, today: datetime.date) -> None:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    log = [
        ("prof1", "message_sent", 40, "Asked for a short conversation about epidemiology."),
        ("prof1", "reply", 38, "Happy to meet after class."),
        ("prof1", "interview", 30, "Informational interview in her office."),
        ("prof1", "thank_you", 29, "Thank-you email sent."),
        ("r_plan1", "message_sent", 21, "Introduced by Daniel."),
        ("r_plan1", "interview", 14, "Video call, 30 minutes."),
        ("r_plan1", "thank_you", 13, ""),
        ("r_health5", "declined", 10, "Too busy this term; suggested trying again in spring."),
        ("cowork1", "help_given", 20, "Helped with the food drive flyers."),
        ("r_misc5", "help_received", 45, "Reviewed my résumé."),
        ("r_health1", "message_sent", 8, "Asked about a 30-minute video call."),
        ("r_health1", "reply", 6, "Agreed; next week works."),
    ]
    for key, kind, days, summary in log:
        models.Interaction.create(person=people[key], kind=kind, occurred_on=ago(days),
                                  summary=summary)
    follow_ups = [
        ("r_health3", "thank_you", -2, "open"),
        ("r_soft1", "reply_check", 0, "open"),
        ("prof1", "keep_in_touch", 30, "open"),
        ("r_plan1", "report_back", 3, "open"),
        ("r_data1", "reply_check", -10, "done"),
    ]
    for key, kind, days, status in follow_ups:
        models.FollowUp.create(
            person=people[key], kind=kind, due_on=today + datetime.timedelta(days=days),
            status=status, done_on=ago(9) if status == "done" else None,
        )
