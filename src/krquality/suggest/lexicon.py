"""Small word lists the rewrite templates need.

They only choose between wordings the author's own words already imply
(a direction, an abbreviation, "of the app" vs. "of the guide"); no list
here can put a number or a date into a draft.
"""

from __future__ import annotations

from krquality.features.types import Direction
from krquality.nlp.lexicon import direction_words

# Long names of common measures and the abbreviation people grade them by.
ABBREVIATIONS: dict[str, str] = {
    "customer satisfaction": "CSAT",
    "customer satisfaction score": "CSAT",
    "net promoter score": "NPS",
    "employee net promoter score": "eNPS",
    "customer effort score": "CES",
    "monthly recurring revenue": "MRR",
    "annual recurring revenue": "ARR",
    "annualized recurring revenue": "ARR",
    "daily active users": "DAU",
    "weekly active users": "WAU",
    "monthly active users": "MAU",
    "customer lifetime value": "CLV",
    "lifetime value": "LTV",
    "customer acquisition cost": "CAC",
    "average revenue per user": "ARPU",
    "average order value": "AOV",
    "net revenue retention": "NRR",
    "net dollar retention": "NDR",
    "gross revenue retention": "GRR",
    "mean time to recovery": "MTTR",
    "mean time to resolution": "MTTR",
    "mean time to restore": "MTTR",
    "mean time to detect": "MTTD",
    "first contact resolution": "FCR",
    "click-through rate": "CTR",
    "click through rate": "CTR",
    "return on investment": "ROI",
    "cost per acquisition": "CPA",
    "cost per lead": "CPL",
    "return on ad spend": "ROAS",
}

# Measures where less is better: a vague "improve" on them means "reduce".
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {
        "abandonment",
        "absenteeism",
        "attrition",
        "backlog",
        "bounce",
        "bugs",
        "cac",
        "chargebacks",
        "churn",
        "complaints",
        "cost",
        "costs",
        "cycle",
        "debt",
        "defect",
        "defects",
        "delay",
        "delays",
        "downtime",
        "duration",
        "emissions",
        "errors",
        "escalations",
        "expenses",
        "failures",
        "fraud",
        "incidents",
        "latency",
        "mttd",
        "mttr",
        "outages",
        "overtime",
        "refunds",
        "returns",
        "risk",
        "spend",
        "spending",
        "tickets",
        "time",
        "turnover",
        "vulnerabilities",
        "waste",
    }
)

# Leading verbs that already state a direction and can stay as the author wrote them. Two are
# not direction words to the pipeline, and stay out of its list because the features (and the
# model trained on them) would change: "improve" is a vague verb there (it names no direction
# of a measure), and "curb" is missing from it.
INCREASE_VERBS: frozenset[str] = direction_words("drafts", Direction.INCREASE) | {"improve"}
DECREASE_VERBS: frozenset[str] = direction_words("drafts", Direction.DECREASE) | {"curb"}
# Of those, the ones that read as a direction with "from X to Y" after them.
KEEP_AS_WRITTEN: frozenset[str] = frozenset(
    {
        "increase",
        "grow",
        "raise",
        "boost",
        "lift",
        "expand",
        "reduce",
        "decrease",
        "cut",
        "lower",
        "shrink",
        "shorten",
    }
)

# Things people use: the outcome of launching one is its use.
PRODUCT_NOUNS: frozenset[str] = frozenset(
    {
        "api",
        "app",
        "application",
        "assistant",
        "bot",
        "chatbot",
        "dashboard",
        "extension",
        "feature",
        "integration",
        "marketplace",
        "mode",
        "platform",
        "plugin",
        "portal",
        "product",
        "service",
        "site",
        "store",
        "tool",
        "version",
        "website",
        "workspace",
        "checkout",
        "search",
    }
)

# Work with an end point: "keep working on the migration" means "complete the migration".
COMPLETABLE_NOUNS: frozenset[str] = frozenset(
    {
        "audit",
        "certification",
        "consolidation",
        "conversion",
        "cutover",
        "deployment",
        "implementation",
        "integration",
        "launch",
        "migration",
        "move",
        "onboarding",
        "overhaul",
        "project",
        "redesign",
        "refactor",
        "refactoring",
        "release",
        "rewrite",
        "rollout",
        "setup",
        "transition",
        "upgrade",
    }
)

# Continuing-work verbs whose object is the work to finish.
CONTINUING_VERBS: frozenset[str] = frozenset(
    {"work", "continue", "keep", "progress", "advance", "drive", "push", "pursue", "focus", "start", "begin"}
)

# Inquiry verbs: the deliverable of research is its write-up.
INQUIRY_VERBS: frozenset[str] = frozenset(
    {"research", "investigate", "explore", "study", "analyze", "analyse", "evaluate", "assess", "review"}
)

# Ongoing-work markers that make an inquiry verb a habit, with no report at the end
# ("Review firewall rules regularly", "Study Japanese a little every day").
HABIT_WORDS: frozenset[str] = frozenset(
    {
        "ongoing",
        "on an ongoing basis",
        "regularly",
        "continuously",
        "constantly",
        "every week",
        "every month",
        "every sprint",
        "every day",
        "each week",
        "each month",
        "each sprint",
        "on a weekly basis",
        "on a monthly basis",
        "on a regular basis",
    }
)

# Verbs whose object is the people or team helped, never a measure to move.
HELPING_VERBS: frozenset[str] = frozenset(
    {"help", "support", "assist", "coach", "mentor", "enable", "serve", "advise", "guide"}
)

# Words that open a question an inquiry answers ("Research whether we qualify ...").
QUESTION_WORDS: frozenset[str] = frozenset(
    {"whether", "if", "how", "why", "what", "which", "who", "where", "when"}
)
PRONOUNS: frozenset[str] = frozenset(
    {"we", "us", "it", "they", "them", "this", "that", "these", "those", "you"}
)

# What a vague "improve the X" most often measures, by the head noun of X.
MEASURE_OF: dict[str, str] = {
    "experience": "satisfaction score",
    "onboarding": "completion rate",
    "funnel": "conversion rate",
    "checkout": "conversion rate",
    "signup": "conversion rate",
    "flow": "completion rate",
    "process": "cycle time",
    "reliability": "uptime",
    "stability": "uptime",
    "performance": "response time",
    "speed": "load time",
    "engagement": "weekly active users",
    "awareness": "survey score",
    "morale": "eNPS",
    "documentation": "satisfaction score",
    "docs": "satisfaction score",
    "support": "customer satisfaction (CSAT)",
    "service": "customer satisfaction (CSAT)",
}

# Words after a relative change that do not start the noun it qualifies: after
# "ARPDAU +$0.03 per user" or "churn -2pp QoQ" the baseline slot follows the change itself.
SLOT_STOP_WORDS: frozenset[str] = frozenset(
    {
        "per",
        "a",
        "an",
        "each",
        "every",
        "in",
        "on",
        "at",
        "for",
        "by",
        "from",
        "to",
        "of",
        "qoq",
        "yoy",
        "mom",
        "wow",
        "and",
        "or",
        "with",
        "across",
        "over",
        "vs",
        "than",
        "through",
        "until",
        "before",
        "after",
        "during",
    }
)

# Heads of MEASURE_OF that name a quality of what follows "of": the measure
# takes their place ("the speed of checkout" -> "load time of checkout").
QUALITY_NOUNS: frozenset[str] = frozenset({"reliability", "stability", "performance", "speed"})

DETERMINERS: frozenset[str] = frozenset({"the", "a", "an", "our", "my", "your", "their", "its"})
# Comparatives that belong to the old verb, not to the measure ("drive more traffic").
COMPARATIVES: frozenset[str] = frozenset({"more", "less", "fewer", "better", "higher", "greater", "bigger"})

# The tokens a placeholder adds where the filled draft has a value, with the
# tag en_core_web_sm gave each most often in the shown drafts of the training
# texts. The shown form of a draft borrows every other tag from the filled
# form (krquality.nlp.borrow) instead of being tagged again.
PLACEHOLDER_TAGS: dict[str, str] = {
    "[": "XX",
    "]": "-RRB-",
    "baseline": "XX",
    "target": "NN",
    "date": "NN",
}

# The words a filled draft adds to its key result past its first word ("by
# Q4", "from 40% to 55%"), with the tag en_core_web_sm gave each most often
# in the filled drafts of the training texts ("to" is IN in 102 of them and
# TO in 216, mostly before "[target]"; as IN the suggestions came out the
# same as with full tagging). The filled form borrows every other tag from
# its key result (krquality.nlp.borrow); a draft that adds any other word,
# not a number, or starts with another word is tagged by spaCy.
FILLED_TAGS: dict[str, str] = {
    "by": "IN",
    "q4": "NNP",
    "from": "IN",
    "%": "NN",
    "to": "IN",
}

# The effect a piece of work is for, by the head noun of what the work is on:
# a task or an output count gets a metric draft on it ("Run the monthly
# meetup" -> "Increase average attendance at the monthly meetup from
# [baseline] to [target]"). "{x}" is the author's phrase.
OUTCOME_OF: dict[str, str] = {
    **dict.fromkeys(
        (
            "night", "nights", "meetup", "meetups", "event", "events", "workshop", "workshops",
            "session", "sessions", "hours", "class", "classes",
            "course", "courses", "training", "trainings", "hackathon", "hackathons", "conference",
            "conferences", "webinar", "webinars", "101", "evening", "evenings", "talk", "talks", "club",
            "clubs", "café", "cafe", "clinic", "clinics", "fair", "meetups", "socials", "social", "open",
            "presentation", "presentations", "tastings", "tasting", "screenings", "screening", "festival",
        ),
        "average attendance at {x}",
    ),
    # (Not meetings, discussions, roundtables or hangouts: they are held for what they settle
    # or start, and "average attendance at the budget meetings" names none of it; blind reviews
    # judged that draft bad. They get a draft only where the sentence names the measure.)
    # A conversation or a call is for what it settles, not for how many listen in.
    **dict.fromkeys(
        ("conversation", "conversations", "dialogue", "dialogues", "call", "calls", "chats"),
        "the number of agreements reached through {x}",
    ),
    # ... but a community call is an open meeting, held for those who come.
    **dict.fromkeys(("community call", "community calls"), "average attendance at {x}"),
    **dict.fromkeys(
        (
            "guide", "guides", "documentation", "docs", "wiki", "tutorial", "tutorials", "handbook",
            "page", "pages", "website", "site", "blog", "post", "posts", "article", "articles", "piece",
            "pieces", "catalog", "catalogue", "report", "reports", "case", "studies", "stories", "recaps",
        ),
        "monthly readers of {x}",
    ),
    **dict.fromkeys(("channel", "newsletter", "podcast"), "subscribers to {x}"),
    # A video is watched one by one; it has no subscribers of its own (its channel has).
    **dict.fromkeys(("videos", "video"), "monthly views of {x}"),
    # Things broadcast one by one (a stream, an episode): the audience each draws.
    **dict.fromkeys(
        ("stream", "streams", "livestream", "livestreams", "broadcast", "broadcasts", "episode", "episodes"),
        "average audience of {x}",
    ),
    **dict.fromkeys(
        ("community", "communities", "group", "groups", "network", "networks", "forum", "forums"),
        "monthly active members of {x}",
    ),
    **dict.fromkeys(
        (
            "system", "tool", "tools", "pipeline", "platform", "app", "portal", "dashboard", "component",
            "components", "library", "libraries", "package", "packages", "plugin", "plugins",
        ),
        "share of teams using {x}",
    ),
    **dict.fromkeys(("flow", "onboarding", "checklist"), "completion rate of {x}"),
    # A test is for the flaws it stops: fewer of them getting past it.
    **dict.fromkeys(("tests", "checks", "test cases"), "Reduce the number of bugs that get past {x}"),
    # A new release of a thing is for more people to move to it.
    **dict.fromkeys(("releases",), "share of teams using {x}"),
    # A process is improved when it takes less time; a flaw when there are fewer of them.
    **dict.fromkeys(
        (
            "process", "processes", "workflow", "workflows", "procedure", "procedures", "handover",
            "handovers", "loop", "loops",
        ),
        "Reduce the cycle time of {x}",
    ),
    **dict.fromkeys(
        (
            "bugs", "defects", "errors", "regressions", "incidents", "failures", "vulnerabilities", "outages",
            "issues", "complaints", "crashes",
        ),
        "Reduce the number of {x}",
    ),
    # A bid is for winning: the share won.
    **dict.fromkeys(
        ("proposals", "proposal", "bids", "tenders", "pitches", "estimates", "quotes"), "the win rate of {x}"
    ),
    # What people think or know is measured by asking them.
    **dict.fromkeys(
        (
            "perception", "perceptions", "understanding", "awareness", "confidence", "sentiment",
            "transparency", "trust", "belonging", "clarity", "visibility", "recognition",
        ),
        "average survey score for {x}",
    ),
    # A review or an audit is for fewer problems slipping past it (fewer found *in* it
    # could as well mean a weaker review).
    **dict.fromkeys(
        ("reviews", "audits", "assessments", "inspections", "review", "audit"),
        "Reduce the number of defects that get past {x}",
    ),
    **dict.fromkeys(
        ("section", "sections", "content", "faq", "manual", "websites", "sites"),
        "monthly readers of {x}",
    ),
}

# Work whose review is a quality check (fewer issues found is the outcome), unlike a
# "pipeline review" or a "quarterly business review", which are meetings.
REVIEWED_WORK: frozenset[str] = frozenset(
    {"code", "design", "architecture", "security", "accessibility", "css", "js", "javascript", "peer", "ux",
     "ui", "api", "schema", "copy", "pr", "pull", "data", "model"}
)

# People a piece of work can grow in number: the outcome is how many of them take part.
PEOPLE_NOUNS: frozenset[str] = frozenset(
    {
        "volunteers", "members", "contributors", "mentors", "ambassadors", "organizers", "organisers",
        "leaders", "participants", "attendees", "students", "learners", "builders", "maintainers",
        "donors", "champions", "advocates", "helpers", "coaches", "tutors", "speakers",
    }
)
OUTCOME_OF.update(dict.fromkeys(PEOPLE_NOUNS, "the number of active {x}"))

# Verbs that grow or engage a group of people; other verbs on people ("swap
# stewards", "thank members") act on them for another end.
GROWING_VERBS: frozenset[str] = frozenset(
    {
        "recruit", "engage", "grow", "onboard", "attract", "involve", "mobilize", "mobilise", "retain",
        "activate", "motivate", "welcome", "gather", "increase", "expand", "build", "find", "bring",
    }
)

# Words that state an aim without a measure ("Better planning", "More engaged members"):
# a draft names the measure instead and drops them.
AIM_WORDS: frozenset[str] = frozenset(
    {"better", "more", "improved", "stronger", "greater", "higher", "increased", "enhanced", "bigger",
     "clearer", "smoother", "faster", "healthier", "wider", "deeper", "richer"}
)

# Verbs whose object is the thing made: a task with one ("Document the naming
# conventions") can be dated as a milestone when it does not recur.
MAKING_VERBS: frozenset[str] = frozenset(
    {
        "document", "define", "design", "develop", "create", "build", "draft", "write", "map", "outline",
        "establish", "prepare", "set", "publish", "produce", "compile", "finalize", "finalise", "agree",
        "add", "integrate", "implement", "automate", "migrate", "install", "configure", "release", "deploy",
    }
)

# Verbs that find or pick something: its effect depends on what is found.
FINDING_VERBS: frozenset[str] = frozenset(
    {"identify", "find", "discover", "scope", "list", "select", "choose", "shortlist", "pick"}
)

# Verbs that settle a question: the end state is the decision, written down.
DECIDING_VERBS: frozenset[str] = frozenset(
    {"consider", "decide", "discuss", "debate", "resolve", "settle", "solidify", "determine", "clarify"}
)

# Verbs whose object is a state to reach: "Ensure every stall has a fire blanket".
ENSURING_VERBS: frozenset[str] = frozenset({"ensure", "guarantee"})

# Amount words that are no part of a thing's name ("find enough sponsors").
VAGUE_AMOUNTS: frozenset[str] = frozenset({"enough", "some", "several", "more", "many", "any", "all"})

# Things that are written: making one ends when it is published.
WRITTEN_NOUNS: frozenset[str] = frozenset(
    {
        "plan", "plans", "strategy", "framework", "guidelines", "guideline", "policy", "policies",
        "responsibilities", "roles", "metrics", "criteria", "standards", "principles", "rules", "charter",
        "agenda", "budget", "proposal", "proposals", "requirements", "spec", "specification", "projection",
        "projections", "structure", "model", "approach", "curriculum", "syllabus", "process", "procedure",
        "procedures", "checklist", "template", "templates", "roadmap", "guide", "handbook", "playbook",
        "messaging", "pitch", "statement",
    }
)

# Things made to be published: a task that makes one ("Draw a walking map for
# the harbour", or just "New harbour walking map") is dated as its publication.
PUBLISHABLE: frozenset[str] = frozenset(
    {
        "video", "teaser", "trailer", "podcast", "content", "tutorial", "guide", "page", "site", "website",
        "newsletter", "template", "templates", "handbook", "playbook", "recap", "recaps", "report",
        "whitepaper", "whitepages", "brochure", "flyer", "deck", "toolkit", "kit", "faq", "charter",
        "roadmap", "manifesto", "catalog", "catalogue", "directory", "portfolio",
    }
)
CREATING_VERBS: frozenset[str] = frozenset({"create", "develop", "build", "make", "produce", "design"})

# Verbs that write something down: the end state is the text, published.
WRITING_VERBS: frozenset[str] = frozenset(
    {"document", "write", "draft", "outline", "map", "define", "compile"}
)

# Verbs that move a thing somewhere else: the work is the move, not more use of the thing.
MOVING_VERBS: frozenset[str] = frozenset(
    {"move", "migrate", "transfer", "port", "switch", "relocate", "convert", "consolidate", "merge"}
)

# Quality checks: their outcome is fewer defects getting past them, but only for the work
# REVIEWED_WORK names ("code reviews"; not "pipeline reviews", which are meetings).
QUALITY_CHECKS: frozenset[str] = frozenset(
    {"review", "reviews", "audit", "audits", "assessment", "assessments", "inspection", "inspections"}
)

# Verbs whose object is put to use by the team itself: more teams using it is not their outcome.
USING_VERBS: frozenset[str] = frozenset(
    {"use", "adopt", "apply", "try", "utilize", "utilise", "leverage", "trial", "evaluate"}
)

# What people feel or see: measured by asking them ("transparency to our partners" is
# asked "among" the partners).
FELT_NOUNS: frozenset[str] = frozenset(
    {"transparency", "trust", "belonging", "clarity", "visibility", "recognition", "awareness", "confidence"}
)

# Flaws that can be left open: closing a share of them is for fewer open ones.
FLAW_NOUNS: frozenset[str] = frozenset(
    {"issues", "bugs", "defects", "tickets", "incidents", "vulnerabilities", "findings", "complaints",
     "requests", "errors", "problems"}
)

# Audience measures named with their own period: the pace of the work measured ("a recipe post
# every fortnight") is no time frame of theirs, so their drafts are dated instead.
PERIODIC_MEASURES: tuple[str, ...] = ("monthly readers", "monthly views")
