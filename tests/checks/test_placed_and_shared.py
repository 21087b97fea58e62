"""Counts of work said without a counted object after the verb (metric.output_count): the team's
doers placed at a number of events (checks.placed), a share of "them" after a second imperative
and a thing made put on a share of items (checks.made_count), and the shares and stated counts
that are levels, not work."""

from __future__ import annotations

import pytest

from .contexts import output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # The team's people named by what they do, at a count of events.
        ("Our demonstrators at 4 regional food festivals", "Our demonstrators at 4 regional food festivals"),
        (
            "Brightwell speakers at 6 large (300+ guests) summits",
            "Brightwell speakers at 6 large (300+ guests) summits",
        ),
        ("Marlow & Co presenters at 5 harvest suppers", "Marlow & Co presenters at 5 harvest suppers"),
        # A share of the items the first imperative named, worked on by the second.
        ("Sort all the donated books and shelve 70% of them", "shelve 70% of them"),
        ("Triage all the kiln faults and fix 50% of them.", "fix 50% of them"),
        ("Audit the pantry shelves and restock 60% of them", "restock 60% of them"),
        # A thing the team makes put on a share of its own items.
        ("Add alt text to 60% of the gallery images", "Add alt text to 60% of the gallery images"),
        ("Sand and fit new handles on 40% of the old doors", "fit new handles on 40% of the old doors"),
        ("Q2: Stitch name tags on 75% choir robes with no tag", "Stitch name tags on 75% choir robes"),
        # A count in brackets after a verb's plural object.
        ("Run tasting evenings (at least 3)", "Run tasting evenings (at least 3)"),
        ("Q3: Write recipe cards (6 or more)", "Write recipe cards (6 or more)"),
        ("Lead community clean-ups (up to four)", "Lead community clean-ups (up to four)"),
        # Work the opening imperative commits the team to, as a gerund after "to".
        ("Commit to running 3 repair cafés", "running 3 repair cafés"),
        (
            "Commit to leading or co-leading litter picks (at least one; up to three)",
            "leading or co-leading litter picks (at least one; up to three)",
        ),
        # One thing written up for each of some units, its participle first.
        ("Risk log drafted for each site with a spring fair", "Risk log drafted for each site"),
        ("Rota agreed for every kitchen", "Rota agreed for every kitchen"),
    ],
)
def test_counts_of_work_without_a_verb_on_the_count_are_output_counts(text: str, span: str) -> None:
    assert output_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        # Doers who are people outside the team: a verb of getting or taking up, or listed people.
        "Our buyers at 4 regional food festivals",
        "Our customers at 5 stores",
        "Our speakers at 1 conference",
        # A share of "them" after a verb of getting, moving or keeping, or of people.
        "Call all new members and visit 50% of them",
        "Survey the tenants and reach 60% of them",
        "Collect all the survey forms and keep 30% of them",
        "Review the open invoices and settle 80% of them within 5 days",
        # A share of items given something by a verb of getting, keeping or a vague one, of
        # people or effects, handled within a limit, or with a subject.
        "Send a thank-you card to 70% of our donors",
        "Add a reply to 95% of the tenant letters within 2 days",
        "Improve load times on 60% of the pages",
        "Keep spare keys for 80% of the vans",
        "Win contracts for 40% of the sites",
        "The van adds a seal to 60% of the crates",
        # One thing per unit in a state it reached, a person, or for people outside the team.
        "Price raised for each product",
        "Trained cook hired for each shop",
        "Care note written for each customer",
        # A count in brackets after a verb of getting or scope, or with people outside the team.
        "Sign new partners (at least 3)",
        "Support file formats (at least 3)",
        "Customers write reviews (at least 50)",
        "Commit to signing 4 partners",
        "Look forward to hosting 3 fairs",
        # Things kept in a state by a verb of keeping.
        "Keep seed packets sorted by month in one tin",
        # A share of recurring things with a property is a level (adoption), not work named.
        '% monthly bookings with the "Picnic" add-on',
        '% weekly recipes with "Timer" feature usage.',
        # Things stated as there, with a participle and no set of the team's own.
        "Having 3,000 photos / clips / etc. tagged with the bakery name",
    ],
)
def test_shares_people_and_stated_counts_are_not(text: str) -> None:
    assert output_span(text) is None
