"""UN member and observer States with their UN M49 regions, from maintained packages.

Codes, UN membership and the M49 grouping come from country_converter's data table (which
tracks the UN Statistics Division's M49 standard); names and their French and Spanish forms come
from django-countries. Nothing here lists countries by hand.
"""

import csv
import re
from dataclasses import dataclass
from importlib import resources

import icu
from django.utils.text import slugify
from django_countries import countries

# The UN's two non-member observer States (General Assembly resolutions 58/314 and 67/19).
UN_OBSERVER_STATES = ("VA", "PS")

# country_converter stores the most detailed M49 grouping; these intermediate regions sit under
# the sub-regions below in the M49 hierarchy. Everything else is already a sub-region.
M49_INTERMEDIATE_PARENTS = {
    "Eastern Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
    "Caribbean": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
}
# country_converter names the M49 region of the Americas by its continent.
M49_REGION_NAMES = {"America": "Americas"}

# French and Spanish names of the M49 groupings, as the UN Statistics Division publishes them.
M49_TRANSLATIONS = {
    "Africa": ("Afrique", "África"),
    "Americas": ("Amériques", "Américas"),
    "Asia": ("Asie", "Asia"),
    "Europe": ("Europe", "Europa"),
    "Oceania": ("Océanie", "Oceanía"),
    "Northern Africa": ("Afrique du Nord", "África septentrional"),
    "Sub-Saharan Africa": ("Afrique subsaharienne", "África subsahariana"),
    "Eastern Africa": ("Afrique orientale", "África oriental"),
    "Middle Africa": ("Afrique centrale", "África central"),
    "Southern Africa": ("Afrique australe", "África meridional"),
    "Western Africa": ("Afrique de l'Ouest", "África occidental"),
    "Latin America and the Caribbean": (
        "Amérique latine et Caraïbes",
        "América Latina y el Caribe",
    ),
    "Caribbean": ("Caraïbes", "Caribe"),
    "Central America": ("Amérique centrale", "Centroamérica"),
    "South America": ("Amérique du Sud", "América del Sur"),
    "Northern America": ("Amérique septentrionale", "América septentrional"),
    "Central Asia": ("Asie centrale", "Asia central"),
    "Eastern Asia": ("Asie orientale", "Asia oriental"),
    "South-eastern Asia": ("Asie du Sud-Est", "Asia sudoriental"),
    "Southern Asia": ("Asie du Sud", "Asia meridional"),
    "Western Asia": ("Asie occidentale", "Asia occidental"),
    "Eastern Europe": ("Europe orientale", "Europa oriental"),
    "Northern Europe": ("Europe septentrionale", "Europa septentrional"),
    "Southern Europe": ("Europe méridionale", "Europa meridional"),
    "Western Europe": ("Europe occidentale", "Europa occidental"),
    "Australia and New Zealand": ("Australie et Nouvelle-Zélande", "Australia y Nueva Zelandia"),
    "Melanesia": ("Mélanésie", "Melanesia"),
    "Micronesia": ("Micronésie", "Micronesia"),
    "Polynesia": ("Polynésie", "Polinesia"),
}

# The M49 codes of the groupings above (UNSD, "Standard country or area codes for statistical
# use"): the key into ICU's CLDR territory names for the other UN languages.
M49_CODES = {
    "Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
    "Northern Africa": "015", "Sub-Saharan Africa": "202", "Eastern Africa": "014",
    "Middle Africa": "017", "Southern Africa": "018", "Western Africa": "011",
    "Latin America and the Caribbean": "419", "Caribbean": "029", "Central America": "013",
    "South America": "005", "Northern America": "021", "Central Asia": "143",
    "Eastern Asia": "030", "South-eastern Asia": "035", "Southern Asia": "034",
    "Western Asia": "145", "Eastern Europe": "151", "Northern Europe": "154",
    "Southern Europe": "039", "Western Europe": "155", "Australia and New Zealand": "053",
    "Melanesia": "054", "Micronesia": "057", "Polynesia": "061",
}  # fmt: skip
# CLDR names code 419 "Latin America": narrower than M49's "Latin America and the Caribbean",
# so CLDR's name is never used for it; UNSD's own names in the M49 table's Arabic, Chinese
# and Russian versions are (``UNSD_NAMES``).
CLDR_NARROWER = {"419"}
# Names UNSD's M49 table gives where CLDR has none of the same extent, by M49 code.
UNSD_NAMES = {
    "419": {
        "name_ar": "أمريكا اللاتينية ومنطقة البحر الكاريبي",
        "name_zh_hans": "拉丁美洲和加勒比",
        "name_ru": "Латинская Америка и Карибский бассейн",
    },
}
# The languages whose M49 names come from CLDR (French and Spanish come from UNSD, above).
CLDR_LANGUAGES = {"name_ar": "ar", "name_zh_hans": "zh_Hans", "name_ru": "ru"}


def region_names(name):
    """The translated name columns of the M49 grouping called ``name`` in English.

    French and Spanish are the UNSD's own (``M49_TRANSLATIONS``); Arabic, Chinese and Russian
    are CLDR's names for the same M49 code, as ICU ships them: no six-language M49 table could
    be sourced as data, and CLDR is the maintained table the UN's languages are in. Where
    CLDR's name covers less than M49's grouping (419), UNSD's own name (``UNSD_NAMES``).
    """
    name_fr, name_es = M49_TRANSLATIONS.get(name, ("", ""))
    names = {"name_fr": name_fr, "name_es": name_es}
    code = M49_CODES.get(name)
    for column, locale in CLDR_LANGUAGES.items():
        cldr = ""
        if code and code not in CLDR_NARROWER:
            cldr = icu.Locale(f"und_{code}").getDisplayCountry(icu.Locale(locale))
        # ICU echoes the code back when it has no name for it.
        names[column] = "" if cldr in ("", code) else cldr
    names.update(UNSD_NAMES.get(code, {}))
    return names


@dataclass(frozen=True)
class StateRecord:
    iso2: str
    iso3: str
    m49_code: int
    name: str
    region: str
    subregion: str
    intermediate_region: str
    un_status: str
    un_member_since: int | None

    @property
    def slug(self):
        return slugify(self.name)


def _iso2(cell):
    """country_converter writes some alpha-2 codes as regexes ('^GB$|^UK$'): take the ISO one."""
    codes = re.findall(r"[A-Z]{2}", cell)
    return codes[0] if codes else ""


def un_states():
    """Every UN member and observer State as a ``StateRecord``, sorted by name."""
    table = resources.files("country_converter").joinpath("country_data.tsv")
    records = []
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            iso2 = _iso2(row["ISO2"])
            member_since = row["UNmember"].strip()
            if not member_since and iso2 not in UN_OBSERVER_STATES:
                continue
            most_detailed = row["UNregion"].strip()
            subregion = M49_INTERMEDIATE_PARENTS.get(most_detailed, most_detailed)
            records.append(
                StateRecord(
                    iso2=iso2,
                    iso3=row["ISO3"].strip(),
                    m49_code=int(row["ISOnumeric"]),
                    name=countries.countries.get(iso2) or row["name_short"].strip(),
                    region=M49_REGION_NAMES.get(row["continent"], row["continent"]),
                    subregion=subregion,
                    intermediate_region=most_detailed if subregion != most_detailed else "",
                    un_status="member" if member_since else "observer",
                    un_member_since=int(float(member_since)) if member_since else None,
                )
            )
    return sorted(records, key=lambda record: record.name)
