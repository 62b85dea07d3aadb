"""Peewee models for every domain word; bound at start-up through ``database_proxy``.

The models describe the current schema. The schema itself is built and
changed only by the numbered scripts in ``migrations/``, each of which
declares its own frozen copy of the tables it touches.
"""

from __future__ import annotations

import datetime

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    Check,
    DatabaseError,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelUpdate,
    PostgresqlDatabase,
    TextField,
)

from netdesk.db import zones

database_proxy = DatabaseProxy()

SECTORS = ("government", "private", "nonprofit", "education")
RELATIONSHIPS = (
    "family", "friend", "neighbour", "coworker", "classmate", "professor",
    "acquaintance", "referral", "other",
)
STAGES = (
    "to_contact", "contacted", "meeting_set", "interviewed", "thanked",
    "keeping_in_touch", "declined",
)
QUESTION_CATEGORIES = (
    "career_path", "environment", "organization", "trends", "insights", "advice", "resources",
    "assignments", "own",
)  # the TIARA steps (trends … assignments) in their order: migration 0009
INTERVIEW_MODES = ("in_person", "phone", "video")
INTERVIEW_STATUSES = ("planning", "scheduled", "done", "cancelled")
INTERACTION_KINDS = (
    "message_sent", "reply", "meeting", "interview", "thank_you", "update",
    "help_given", "help_received", "declined", "note",
)
TIERS = ("A", "B", "C")  # keep-in-touch tiers (migration 0011)
RESPONSE_LABELS = ("quick", "slow", "no_answer")  # how someone responds (migration 0011)
FOLLOW_UP_KINDS = ("reply_check", "thank_you", "keep_in_touch", "report_back")
FOLLOW_UP_STATUSES = ("open", "done", "dropped")
TEMPLATE_KINDS = ("outreach", "thank_you", "keep_in_touch")
LAMP_PASSES = ("dream", "alumni", "posting", "trending")
"""The four passes that build a LAMP list: dream employers, employers of alumni, employers
with postings, employers in trending fields (migration 0010)."""
INTRODUCTION_STATUSES = ("asked", "introduced", "declined")
CONTACT_KINDS = ("email", "phone", "web", "social", "im")
"""Ways to reach someone: an address, a number, a web page, a social profile, a handle."""
ENTRY_KINDS = CONTACT_KINDS + ("event", "related", "custom")
"""Everything a ``PersonEntry`` holds: ways to reach someone, dated events (the value an
ISO date, ``--MM-DD`` when the year is not known), related names and custom fields."""
SHARING = ("private", "advisor", "center")
"""Who sees a person or an interview on a server besides its owner (migration 0017)."""
MEMBER_KINDS = ("student", "advisor", "admin")


def now() -> datetime.datetime:
    return datetime.datetime.now().replace(microsecond=0)


def _in(column: str, values: tuple[str, ...], allow_empty: bool = False) -> Check:
    """A CHECK constraint that keeps a text column to a known set of words."""
    words = ", ".join(f"'{v}'" for v in values + (("",) if allow_empty else ()))
    return Check(f"{column} IN ({words})")


class InstantField(DateTimeField):
    """A moment on the timeline, kept as naive UTC text ('2026-10-24 23:30:00') so it sorts
    and compares in SQL; given and read back as an aware datetime (UTC)."""

    def db_value(self, value):
        if isinstance(value, datetime.datetime):
            value = zones.storage(value)  # refuses a naive value: it names no moment
        return super().db_value(value)

    def python_value(self, value):
        if isinstance(value, str):
            try:  # the stored form; much quicker than trying each of peewee's formats
                value = datetime.datetime.fromisoformat(value)
            except ValueError:
                value = super().python_value(value)
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=zones.UTC)
        return value


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class ChangedElsewhere(Exception):
    """A row was saved with the version it was read at, and someone else had changed it
    since (migration 0016): nothing was written. The caller re-reads and merges.

    Attributes:
        model: the model class of the row.
        id: its id.
        changed_by: who wrote the stored row (a PostgreSQL role; on SQLite the writer's
            name), '' when not known.
        version: the stored row's version.
        values: the stored row's columns, name → value.
    """

    def __init__(self, model, row_id: int, changed_by: str, version: int, values: dict):
        self.model, self.id, self.changed_by = model, row_id, changed_by
        self.version, self.values = version, values
        who = changed_by or "someone else"
        super().__init__(f"{model.__name__} {row_id} was changed by {who} since it was read "
                         f"(now version {version})")


def writer_name(db=None) -> str:
    """Who writes through this process on a SQLite file: the profile's name, else the OS
    login (on PostgreSQL migration 0016's trigger names the role itself). Read once per
    database, again after the profile is saved."""
    db = db if db is not None else database_proxy.obj
    name = getattr(db, "netdesk_writer", None)
    if name is not None:
        return name
    try:
        row = db.execute_sql('SELECT "name" FROM "profile" ORDER BY "id" LIMIT 1').fetchone()
    except DatabaseError:  # before migration 0001 there is no profile table
        row = None
    name = (row[0] or "").strip() if row else ""
    if not name:
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no login name in this environment
            name = ""
    db.netdesk_writer = name
    return name


class Edited(BaseModel):
    """A row the user edits: it knows when it was created and last changed, its version and
    who changed it last (migration 0016).

    Every UPDATE raises ``version`` (the databases' triggers see to writes that bypass the
    model). Saving a row read at a version writes only when the stored row still has it,
    else raises :class:`ChangedElsewhere`: a change made meanwhile by someone else is
    never overwritten silently.
    """

    created = DateTimeField(default=now)
    updated = DateTimeField(default=now)
    version = IntegerField(default=1)  # migration 0016, as changed_by
    changed_by = CharField(default="")

    @classmethod
    def update(cls, __data=None, **update):
        """An UPDATE that raises the version and names the writer (unless it says them)."""
        data = cls._normalize_data(__data, update)
        data.setdefault(cls.version, cls.version + 1)
        data.setdefault(cls.changed_by, _writer_for_sql())
        return ModelUpdate(cls, data)

    def save(self, force_insert=False, only=None):
        self.updated = now()
        if self._meta.table_name == "profile":  # the writer's name may change with it
            try:
                return self._save_checked(force_insert, only)
            finally:
                database_proxy.obj.__dict__.pop("netdesk_writer", None)
        return self._save_checked(force_insert, only)

    def _save_checked(self, force_insert, only):
        expected = self.version
        if self._pk is None or force_insert or expected is None:
            if self._pk is None or force_insert:
                self.changed_by = _writer_for_sql()
            return super().save(force_insert=force_insert, only=only)
        self.version, self.changed_by = expected + 1, _writer_for_sql()
        if only is not None:
            only = [*only, Edited.version.name, Edited.changed_by.name]
        self._expected_version = expected
        try:
            rows = super().save(only=only)
        except BaseException:
            self.version = expected
            raise
        finally:
            del self._expected_version
        if not rows:
            self.version = expected
            type(self).refuse(self._pk)
        return rows

    @classmethod
    def update_at_version(cls, row_id: int, version: int | None, **values) -> int | None:
        """Write ``values`` to row ``row_id`` if it still has ``version`` (None: whatever it
        has); return its new version (None: the row is gone). Raises
        :class:`ChangedElsewhere` when someone else changed it since."""
        key = cls._meta.primary_key
        if version is None:
            cls.update(**values).where(key == row_id).execute()
            return cls.select(cls.version).where(key == row_id).scalar()
        if cls.update(version=version + 1, **values).where(
                (key == row_id) & (cls.version == version)).execute():
            return version + 1
        cls.refuse(row_id)
        return None

    @classmethod
    def refuse(cls, row_id: int) -> None:
        """Raise :class:`ChangedElsewhere` with the stored row ``row_id`` (if it is there)."""
        stored = list(cls.select().where(cls._meta.primary_key == row_id).dicts())
        if stored:
            values = stored[0]
            raise ChangedElsewhere(cls, row_id, values.get("changed_by") or "",
                                   values.get("version"), values)

    def _pk_expr(self):
        expression = super()._pk_expr()
        expected = getattr(self, "_expected_version", None)
        if expected is not None:
            expression &= type(self).version == expected
        return expression


def _writer_for_sql() -> str:
    """The ``changed_by`` a model write gives (PostgreSQL's trigger puts the role there)."""
    db = database_proxy.obj
    if db is None or isinstance(db, PostgresqlDatabase):
        return ""
    return writer_name(db)


class Organization(Edited):
    id = AutoField()
    name = CharField(collation="NOCASE", unique=True)
    sector = CharField(default="", constraints=[_in("sector", SECTORS, allow_empty=True)])
    website = CharField(default="")
    culture_notes = TextField(default="")
    notes = TextField(default="")


class Person(Edited):
    id = AutoField()
    first_name = CharField(default="")
    last_name = CharField(default="")
    name_prefix = CharField(default="")  # migration 0007, as the name parts below
    middle_name = CharField(default="")
    name_suffix = CharField(default="")
    nickname = CharField(default="")
    email = CharField(default="", index=True)
    """The preferred email; further ones are ``PersonEntry`` rows."""
    email_label = CharField(default="")  # migration 0007
    """What the preferred email is: work, home, other, or the address book's own word."""
    phone = CharField(default="")
    """The preferred phone; further ones are ``PersonEntry`` rows."""
    phone_label = CharField(default="")  # migration 0007
    linkedin_url = CharField(default="", index=True)
    organization = ForeignKeyField(
        Organization, null=True, backref="staff", on_delete="SET NULL"
    )
    job_title = CharField(default="")
    department = CharField(default="")  # migration 0007
    birthday = CharField(default="")  # migration 0007
    """ISO date, or ``--MM-DD`` when the year is not known; '' when not given."""
    relationship = CharField(
        default="acquaintance", constraints=[_in("relationship", RELATIONSHIPS)]
    )
    source = CharField(default="")
    stage = CharField(default="to_contact", constraints=[_in("stage", STAGES)])
    tags = CharField(default="")
    notes = TextField(default="")
    research_notes = TextField(default="")
    tier = CharField(default="", index=True,  # migration 0011
                     constraints=[_in("tier", TIERS, allow_empty=True)])
    """Keep-in-touch tier: A, B or C ('' for none); see core.keep_in_touch."""
    response_label = CharField(  # migration 0011
        default="", constraints=[_in("response_label", RESPONSE_LABELS, allow_empty=True)])
    """How they respond as the user set it ('' : worked out from their reply times)."""
    last_contact = DateField(null=True, index=True)  # migration 0012
    """Date of the newest interaction (None: none yet); kept by netdesk.db.last_contact."""
    record_source = CharField(default="")  # migration 0013, as consent and consent_date
    """Where this record came from ("Student intake form", "Imported from FILE on DATE")."""
    consent = TextField(default="")
    """What the person agreed to, in the user's words."""
    consent_date = CharField(default="")
    """The day consent was given, ISO ('' when not given)."""
    owner = CharField()  # migration 0017, as sharing
    """The member's role name ('' in a file): given by the database, never by netdesk."""
    sharing = CharField(constraints=[_in("sharing", SHARING)])
    """Who else sees it on a server: private, advisor or center (core.vocabulary); the
    database's default ('private') unless netdesk sets it."""

    class Meta:
        indexes = ((("last_name", "first_name"), False),)
        constraints = [SQL("CHECK (first_name <> '' OR last_name <> '')")]

    def save(self, force_insert=False, only=None):
        """Write every column but ``last_contact`` unless ``only`` names it: that date is set
        by netdesk.db.last_contact alone (a person read before an interaction was logged
        would otherwise put the older date back)."""
        if only is None:
            only = [f for f in self._meta.sorted_fields if f.name != "last_contact"]
        return super().save(force_insert=force_insert, only=only)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class PersonEntry(BaseModel):
    """One more value of a person as address books hold it (migration 0007): a further
    email, phone, web page, social profile or messaging handle, a dated event, a related
    name or a custom field, with its label, in the order the user keeps them."""

    id = AutoField()
    person = ForeignKeyField(Person, backref="entries", on_delete="CASCADE")
    kind = CharField(constraints=[_in("kind", ENTRY_KINDS)])
    label = CharField(default="")
    """work, home, mobile, other; anniversary; or the address book's own word."""
    value = TextField()
    position = IntegerField(default=0)

    class Meta:
        indexes = (
            (("person", "position"), False),
            (("kind", "value"), False),  # matching an imported email or phone
        )


class PostalAddress(BaseModel):
    """A postal address of a person (migration 0007)."""

    id = AutoField()
    person = ForeignKeyField(Person, backref="addresses", on_delete="CASCADE")
    label = CharField(default="")
    street = TextField(default="")
    city = CharField(default="")
    region = CharField(default="")
    postal_code = CharField(default="")
    country = CharField(default="")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("person", "position"), False),)


class PersonPhoto(BaseModel):
    """A person's photo, kept small (migration 0007); apart from ``person`` so that lists
    of people never load images."""

    person = ForeignKeyField(Person, primary_key=True, backref="photo_row", on_delete="CASCADE")
    image = BlobField()
    """PNG or JPEG bytes, at most ``core.limits.PHOTO_BYTES``."""


class CareerField(Edited):
    id = AutoField()
    name = CharField(collation="NOCASE", unique=True)
    description = TextField(default="")


class PersonCareerField(BaseModel):
    person = ForeignKeyField(Person, backref="career_links", on_delete="CASCADE")
    career_field = ForeignKeyField(CareerField, backref="person_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("person", "career_field"), True),)


class OrganizationCareerField(BaseModel):
    organization = ForeignKeyField(Organization, backref="career_links", on_delete="CASCADE")
    career_field = ForeignKeyField(
        CareerField, backref="organization_links", on_delete="CASCADE"
    )

    class Meta:
        indexes = ((("organization", "career_field"), True),)


class Referral(Edited):
    """Person ``referrer`` introduced the user to person ``referred``."""

    id = AutoField()
    referrer = ForeignKeyField(Person, backref="referrals_made", on_delete="CASCADE")
    referred = ForeignKeyField(Person, backref="referrals_received", on_delete="CASCADE")
    date = DateField(null=True)
    note = TextField(default="")
    owner = CharField()  # migration 0017: who recorded it ('' in a file)

    class Meta:
        indexes = ((("referrer", "referred"), True),)
        constraints = [SQL("CHECK (referrer_id <> referred_id)")]


class Interview(Edited):
    id = AutoField()
    person = ForeignKeyField(Person, backref="interviews", on_delete="CASCADE")
    career_field = ForeignKeyField(
        CareerField, null=True, backref="interviews", on_delete="SET NULL"
    )
    status = CharField(default="planning", constraints=[_in("status", INTERVIEW_STATUSES)])
    scheduled_at = DateTimeField(null=True, index=True)
    """The wall-clock time in ``time_zone``, as chosen (naive); kept in step with
    ``starts_at`` on save. Read ``start`` for the moment, ``zones.local`` to show it."""
    starts_at = InstantField(null=True, index=True)  # migration 0004
    """The same moment in UTC: what queries order and compare by."""
    time_zone = CharField(default="")  # migration 0004
    """IANA name of the zone the time was chosen in ('' while not scheduled)."""
    duration_minutes = IntegerField(default=30, constraints=[Check("duration_minutes > 0")])
    mode = CharField(default="video", constraints=[_in("mode", INTERVIEW_MODES)])
    place = CharField(default="")
    outreach_message = TextField(default="")
    research_checklist = CharField(default="")
    interest_occupation = IntegerField(null=True)
    interest_organization = IntegerField(null=True)
    keep_exploring = BooleanField(null=True)
    advice = TextField(default="")
    action_plan = TextField(default="")
    thank_you_sent = DateField(null=True)
    notes = TextField(default="")
    owner = CharField()  # migration 0017, as sharing
    """The member's role name ('' in a file): given by the database, never by netdesk."""
    sharing = CharField(constraints=[_in("sharing", SHARING)])
    """Who else sees it on a server: private, advisor or center (core.vocabulary); the
    database's default ('private') unless netdesk sets it."""

    @property
    def start(self) -> datetime.datetime | None:
        """When it starts, aware, in the zone it was set in."""
        if self.starts_at is None:
            return None
        return self.starts_at.astimezone(zones.zone_of(self.time_zone))

    @property
    def end(self) -> datetime.datetime | None:
        """When it ends: ``duration_minutes`` later on the timeline (so 90 minutes across a
        change of the clocks still last 90 minutes), in the zone it was set in."""
        if self.starts_at is None:
            return None
        ends = self.starts_at + datetime.timedelta(minutes=self.duration_minutes or 0)
        return ends.astimezone(zones.zone_of(self.time_zone))

    def set_start(self, moment: datetime.datetime | None) -> None:
        """Schedule it at the aware ``moment`` (None: not scheduled). Its zone is kept when
        it is an IANA zone; otherwise the moment is kept in the system zone."""
        if moment is None:
            self.scheduled_at = self.starts_at = None
            self.time_zone = ""
            return
        if moment.tzinfo is None:
            raise ValueError("set_start needs an aware datetime")
        zone = moment.tzinfo if getattr(moment.tzinfo, "key", None) else zones.system_zone()
        moment = moment.astimezone(zone)
        self.starts_at = moment.astimezone(zones.UTC)
        self.scheduled_at = moment.replace(tzinfo=None, fold=0)
        self.time_zone = zone.key

    def save(self, *args, **kwargs):
        self._align_times()
        return super().save(*args, **kwargs)

    def _align_times(self) -> None:
        """Keep the wall time, the instant and the zone in step. A wall time written on
        its own (no instant, or one that no longer matches) is read in ``time_zone``, or
        the system zone: a repeated time is its first occurrence, a time in a gap moves on."""
        wall = Interview.scheduled_at.python_value(self.scheduled_at)
        if wall is None:
            self.scheduled_at = self.starts_at = None
            self.time_zone = ""
            return
        zone = zones.zone_of(self.time_zone)
        self.time_zone = zone.key
        if self.starts_at is not None:
            shown = Interview.starts_at.python_value(self.starts_at).astimezone(zone)
            if shown.replace(tzinfo=None) == wall.replace(tzinfo=None):
                self.starts_at, self.scheduled_at = shown.astimezone(zones.UTC), \
                    shown.replace(tzinfo=None, fold=0)
                return
        self.set_start(zones.resolve(wall.replace(tzinfo=None), zone))


class Question(Edited):
    id = AutoField()
    text = TextField()
    category = CharField(constraints=[_in("category", QUESTION_CATEGORIES)])
    minutes = IntegerField(default=3, constraints=[Check("minutes > 0")])
    position = IntegerField(default=0)
    is_default = BooleanField(default=False)
    hidden = BooleanField(default=False)


class InterviewQuestion(Edited):
    """A question chosen for one interview, in order; its text is copied so edits
    to the bank never change what was asked."""

    id = AutoField()
    interview = ForeignKeyField(Interview, backref="questions", on_delete="CASCADE")
    question = ForeignKeyField(Question, null=True, on_delete="SET NULL")
    position = IntegerField()
    text = TextField()
    category = CharField(constraints=[_in("category", QUESTION_CATEGORIES)])
    minutes = IntegerField(default=3)
    notes = TextField(default="")
    mark = CharField(default="", constraints=[_in("mark", ("asked", "skipped"), True)])

    class Meta:
        indexes = ((("interview", "position"), False),)


class Interaction(Edited):
    id = AutoField()
    person = ForeignKeyField(Person, backref="interactions", on_delete="CASCADE")
    interview = ForeignKeyField(
        Interview, null=True, backref="interactions", on_delete="SET NULL"
    )
    kind = CharField(constraints=[_in("kind", INTERACTION_KINDS)])
    occurred_on = DateField(default=datetime.date.today, index=True)
    summary = TextField(default="")
    owner = CharField()  # migration 0017: who wrote it ('' in a file)

    def save(self, *args, **kwargs):
        """Save, and bring the last-contact date of its person (and of the person it was
        moved from) in step; writes that bypass the model call netdesk.db.last_contact."""
        from netdesk.db.last_contact import refresh

        with database_proxy.atomic():  # the entry and the date commit together
            before = None
            if self.id is not None:
                before = (Interaction.select(Interaction.person)
                          .where(Interaction.id == self.id).scalar())
            rows = super().save(*args, **kwargs)
            refresh([self.person_id, before])
        return rows

    def delete_instance(self, *args, **kwargs):
        from netdesk.db.last_contact import refresh

        with database_proxy.atomic():
            rows = super().delete_instance(*args, **kwargs)
            refresh([self.person_id])
        return rows

    class Meta:
        indexes = (  # migrations 0003 and 0006
            (("person", "occurred_on"), False),
            (("kind", "occurred_on"), False),
            (("kind", "person"), False),
        )


class FollowUp(Edited):
    id = AutoField()
    person = ForeignKeyField(Person, backref="follow_ups", on_delete="CASCADE")
    interview = ForeignKeyField(
        Interview, null=True, backref="follow_ups", on_delete="SET NULL"
    )
    kind = CharField(constraints=[_in("kind", FOLLOW_UP_KINDS)])
    due_on = DateField(index=True)
    status = CharField(default="open", constraints=[_in("status", FOLLOW_UP_STATUSES)])
    done_on = DateField(null=True)
    note = TextField(default="")
    owner = CharField()  # migration 0017: who wrote it ('' in a file)

    class Meta:
        indexes = ((("status", "due_on"), False),)  # migration 0003


class Template(Edited):
    id = AutoField()
    name = CharField()
    kind = CharField(constraints=[_in("kind", TEMPLATE_KINDS)])
    subject = CharField(default="")
    body = TextField(default="")
    is_default = BooleanField(default=False)


class Profile(Edited):
    """The user; one row."""

    id = AutoField()
    name = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    degree = CharField(default="")
    school = CharField(default="")
    interests = TextField(default="")
    skills = TextField(default="")
    seeking = TextField(default="")
    pitch = TextField(default="")
    answer_about_me = TextField(default="")  # migration 0009: prepared answers
    answer_why_organization = TextField(default="")
    answer_why_role = TextField(default="")
    answer_why_field = TextField(default="")
    owner = CharField()  # migration 0017: who wrote it ('' in a file)


class LampEntry(Edited):
    """An organization on the LAMP list (migration 0010): the pass it was found in and its
    scores. Advocacy is computed from the network; ``advocacy_override`` is the user's own
    yes/no over it (None: as computed)."""

    id = AutoField()
    organization = ForeignKeyField(Organization, unique=True, backref="lamp_entry",
                                   on_delete="CASCADE")
    found_in = CharField(default="dream", constraints=[_in("found_in", LAMP_PASSES)])
    motivation = IntegerField(default=0)
    """0 (none) to 3 (strong): kept in range by core.lamp."""
    posting = IntegerField(default=1)
    """1 (no relevant posting) to 3 (a posting for the role wanted)."""
    advocacy_override = BooleanField(null=True)
    position = IntegerField(default=0)
    """The order added, which breaks ties in the ranking."""
    owner = CharField()  # migration 0017: who wrote it ('' in a file)


class Introduction(Edited):
    """A double opt-in introduction request (migration 0010): the user asked ``introducer``
    to introduce them to ``target``; ``referral`` is the referral recorded once introduced."""

    id = AutoField()
    introducer = ForeignKeyField(Person, backref="introductions_asked", on_delete="CASCADE")
    target = ForeignKeyField(Person, backref="introductions_wanted", on_delete="CASCADE")
    status = CharField(default="asked", constraints=[_in("status", INTRODUCTION_STATUSES)])
    asked_on = DateField()
    answered_on = DateField(null=True)
    """When the introduction was made or declined."""
    message = TextField(default="")
    referral = ForeignKeyField(Referral, null=True, backref="introductions",
                               on_delete="SET NULL")
    owner = CharField()  # migration 0017: who wrote it ('' in a file)

    class Meta:
        constraints = [SQL("CHECK (introducer_id <> target_id)")]


class DatabaseInfo(BaseModel):
    """Facts about the database itself, one per key (migration 0008; see db.identity)."""

    id = AutoField()
    key = CharField(unique=True)
    value = TextField()


class PersonUid(BaseModel):
    """A person's stable UID (migration 0014): their card's UID on every sync server."""

    person = ForeignKeyField(Person, primary_key=True, backref="uid_row", on_delete="CASCADE")
    uid = CharField(unique=True)


SYNC_KINDS = ("person", "interview", "follow_up")
FORGOTTEN_STATE = '{"forgotten": true}'
"""A sync state whose person was forgotten: where it is on the server, and nothing of them;
the next sync deletes it there, even when it changed there meanwhile."""


class SyncAccount(BaseModel):
    """A CardDAV/CalDAV account (migration 0014); its password is never here, but in the
    system keyring (netdesk.secrets) or asked each time."""

    id = AutoField()
    url = TextField()
    user = CharField()
    addressbook_url = TextField(null=True)
    calendar_url = TextField(null=True)
    tags = TextField(default="")
    """Comma-separated: empty, everyone syncs; else people with any of these tags."""
    interval_minutes = IntegerField(default=15, constraints=[Check("interval_minutes >= 0")])
    last_synced = DateTimeField(null=True)
    last_result = TextField(default="")
    addressbook_token = TextField(default="")
    """The address book's RFC 6578 sync token after the last sync ('' : none)."""
    calendar_token = TextField(default="")
    created = DateTimeField(default=now)
    owner = CharField()  # migration 0017: who wrote it ('' in a file)


class SyncItem(BaseModel):
    """One synced person, interview or follow-up of an account (migration 0014): where it
    is on the server, its ETag, its UID, and its fields as last synced (JSON). ``local_id``
    is no foreign key: the row outlives a local deletion, which is how the sync knows to
    delete the card on the server too."""

    id = AutoField()
    account = ForeignKeyField(SyncAccount, backref="items", on_delete="CASCADE")
    kind = CharField()
    """One of ``SYNC_KINDS``."""
    local_id = IntegerField(null=True)
    uid = CharField()
    href = TextField(default="")
    etag = TextField(default="")
    state = TextField(default="{}")

    class Meta:
        indexes = (
            (("account", "kind", "uid"), True),
            (("account", "kind", "local_id"), False),
        )


class Member(BaseModel):
    """A member of a shared network on a server (migration 0017): their PostgreSQL role,
    the name netdesk shows for them, their kind and, for a student, their advisor's role.
    Empty in a file."""

    id = AutoField()
    role = CharField(unique=True)
    name = CharField(default="")
    kind = CharField(constraints=[_in("kind", MEMBER_KINDS)])
    advisor = CharField(null=True)
    """The role of a student's advisor (None: none)."""
    created = DateTimeField(default=now)

    class Meta:
        table_name = "netdesk_member"


ALL_MODELS = (
    Organization, Person, PersonEntry, PostalAddress, PersonPhoto, CareerField,
    PersonCareerField, OrganizationCareerField,
    Referral, Interview, Question, InterviewQuestion, Interaction, FollowUp,
    Template, Profile,
    DatabaseInfo, LampEntry, Introduction,
    PersonUid, SyncAccount, SyncItem,  # migration 0014
    Member,  # migration 0017
)
