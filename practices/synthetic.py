"""Synthetic practices for load and benchmark runs: realistic length, skewed word frequencies.

Text is built from sentence patterns over a domain vocabulary whose words are drawn with a
Zipf-like law (as in real prose): a few words appear in nearly every practice, some in about a
quarter, a long tail in very few. Everything is seeded, so two runs make the same data.
"""

import random
import string

from django.utils import timezone


def _words(text):
    return tuple(text.split())


NOUNS = _words(
    "migration development policy remittances diaspora programme ministry labour migrants "
    "coherence government cooperation strategy return integration employment skills training "
    "mobility agreement framework capacity institution committee plan budget data research "
    "investment entrepreneurs associations communities partnership dialogue council agency "
    "workers recruitment education health protection rights citizenship identity documents "
    "visas permits border trafficking smuggling refugees asylum reintegration savings banks "
    "transfers costs finance microcredit enterprises projects infrastructure schools water "
    "roads villages regions municipalities authorities embassies consulates networks "
    "professionals students scholarships universities knowledge exchange outreach census "
    "statistics survey evaluation monitoring indicators results lessons obstacles needs "
    "priorities objectives stakeholders civil society employers unions youth women children "
    "families households poverty growth trade housing agriculture tourism technology "
    "innovation mentoring volunteers experts brain drain circulation pensions insurance "
    "portability taxation incentives tariffs duty exemptions loans guarantees funds grants "
    "donors aid assistance secretariat directorate unit department office desk focal point "
    "law decree regulation bill amendment treaty protocol convention memorandum charter "
    "action roadmap guidelines standards procedures mechanisms platform portal website "
    "campaign conference forum seminar workshop meeting consultation roundtable report"
)
VERBS = _words(
    "supports coordinates funds strengthens promotes links creates reviews improves reduces "
    "facilitates monitors engages mobilises channels matches trains protects informs "
    "negotiates implements evaluates publishes consults extends simplifies finances "
    "encourages integrates advises registers recognises certifies connects expands"
)
ADJECTIVES = _words(
    "national regional local bilateral multilateral circular temporary permanent seasonal "
    "skilled low-skilled productive sustainable inclusive coherent voluntary legal "
    "irregular international intergovernmental interministerial public private financial "
    "social economic transnational consular digital rural urban joint annual pilot"
)
PHRASES = (
    "circular migration",
    "diaspora engagement",
    "brain drain",
    "policy coherence",
    "labour mobility",
    "home town associations",
    "remittance costs",
    "development cooperation",
    "skills recognition",
    "return and reintegration",
)
PATTERNS = (
    "The {adj} {noun} {verb} {noun} and {noun} for {noun}.",
    "{Adj} {noun} {verb} the {noun} of {noun} through {adj} {noun}.",
    "Since {year}, the {noun} {verb} {adj} {noun} with the {noun} of {noun}.",
    "It {verb} {phrase} by linking {noun} to {adj} {noun}.",
    "A {adj} {noun} {verb} {noun}, {noun} and {phrase}.",
    "{Noun} and {noun} {verb} {adj} {noun} in {adj} {noun}.",
    "The {noun} {verb} {phrase} across {adj} {noun} and {noun}.",
)


def _pseudo_words(rng, count):
    """Names for the long tail: programme names, places and acronyms seen once in a while."""
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "dar", "el", "ni", "qua", "bor", "zan"]
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))))
    return sorted(words)


class TextGenerator:
    """Sentences whose nouns follow a Zipf–Mandelbrot law (rank 1 = most frequent).

    With the defaults the commonest noun appears about six times in a practice (so in nearly
    every one), a noun of rank ~170 in a quarter of them, and the tail in a handful each.
    """

    def __init__(self, seed=2008, tail=60000, exponent=1.1, offset=10):
        self.rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
        nouns = list(NOUNS) + _pseudo_words(self.rng, tail)
        self.nouns = nouns
        weights = [1 / ((rank + offset) ** exponent) for rank in range(1, len(nouns) + 1)]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def _nouns(self, count):
        return self.rng.choices(self.nouns, cum_weights=self.cumulative, k=count)

    def sentence(self, nouns):
        pattern = self.rng.choice(PATTERNS)
        words = iter(nouns)

        def take(_):
            return next(words, "migration")

        text = pattern
        while "{noun}" in text:
            text = text.replace("{noun}", take(None), 1)
        while "{Noun}" in text:
            text = text.replace("{Noun}", take(None).capitalize(), 1)
        while "{adj}" in text:
            text = text.replace("{adj}", self.rng.choice(ADJECTIVES), 1)
        while "{Adj}" in text:
            text = text.replace("{Adj}", self.rng.choice(ADJECTIVES).capitalize(), 1)
        while "{verb}" in text:
            text = text.replace("{verb}", self.rng.choice(VERBS), 1)
        # Set phrases are rarer than their words: most slots get an ordinary adjective + noun.
        while "{phrase}" in text:
            phrase = (
                self.rng.choice(PHRASES)
                if self.rng.random() < 0.15
                else f"{self.rng.choice(ADJECTIVES)} {take(None)}"
            )
            text = text.replace("{phrase}", phrase, 1)
        return text.replace("{year}", str(self.rng.randint(1980, 2024)))

    def paragraph(self, words):
        """About ``words`` words of prose."""
        sentences, produced = [], 0
        while produced < words:
            nouns = self._nouns(6)
            sentence = self.sentence(nouns)
            sentences.append(sentence)
            produced += sentence.count(" ") + 1
        return " ".join(sentences)

    def title(self):
        nouns = self._nouns(3)
        return (
            f"{self.rng.choice(ADJECTIVES).capitalize()} {nouns[0]} {self.rng.choice(PHRASES)} "
            f"{nouns[1]} programme"
        )[:240]


def practice_fields(generator, number, taxonomy):
    """Field values for synthetic practice ``number`` (taxonomy: lists of ids to pick from)."""
    rng = generator.rng
    start = rng.randint(1975, 2024)
    end = rng.choice([None, None, min(start + rng.randint(0, 12), 2030)])
    suffix = "".join(rng.choice(string.ascii_lowercase) for _ in range(4))
    return {
        "title": generator.title(),
        "slug": f"synthetic-{number}-{suffix}",
        "lead_state_id": rng.choice(taxonomy["states"]),
        "pillar_id": rng.choice(taxonomy["pillars"]),
        "summary": generator.paragraph(45)[:600],
        "description": generator.paragraph(430),
        "objectives": generator.paragraph(60),
        "results": generator.paragraph(80),
        "lessons": generator.paragraph(60),
        "start_year": start,
        "end_year": end,
        "stage": rng.choice(["planned", "pilot", "ongoing", "ongoing", "completed", ""]),
        "source_document": "Synthetic benchmark data",
        "published_at": timezone.now() - timezone.timedelta(minutes=rng.randint(0, 2_600_000)),
    }
