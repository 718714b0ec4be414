"""Place names the importer needs for two judgments: which title line names the place (the
headline), and whether a lead is about the same place as its title (misplaced text).

Built from the Region table (cities and counties of Zhejiang, loaded by a data migration), by full
name (象山县) and short name (象山); each name maps to its city, so 象山 and 宁波 agree.
"""

import re
from dataclasses import dataclass, field


@dataclass
class Gazetteer:
    city_of: dict[str, str] = field(default_factory=dict)  # name → city code
    code_of: dict[str, str] = field(default_factory=dict)  # name → its own code (county or city)
    _pattern: re.Pattern | None = None

    @classmethod
    def from_database(cls) -> "Gazetteer":
        from articles.models import Region
        from articles.models.choices import RegionLevel

        rows = Region.objects.filter(level__in=[RegionLevel.CITY, RegionLevel.COUNTY]).values_list(
            "code", "name", "short_name", "level", "parent__code"
        )
        city_of: dict[str, str] = {}
        code_of: dict[str, str] = {}
        for code, name, short_name, level, parent_code in rows:
            city = code if level == RegionLevel.CITY else (parent_code or code)
            for spelling in (name, short_name):
                if spelling and len(spelling) >= 2 and spelling not in city_of:
                    city_of[spelling] = city
                    code_of[spelling] = code
        return cls(city_of=city_of, code_of=code_of)

    def cities_in(self, text: str) -> set[str]:
        """City codes of the places named in ``text`` (longest names first: 西湖区 before 西湖)."""
        return {self.city_of[name] for name in self._names_in(text)}

    def places_in(self, text: str) -> set[str]:
        """Codes of the places named in ``text`` as named: 临平 → 临平区, 杭州 → 杭州市."""
        return {self.code_of.get(name, self.city_of[name]) for name in self._names_in(text)}

    def _names_in(self, text: str) -> list[str]:
        if not self.city_of:
            return []
        if self._pattern is None:
            names = sorted(self.city_of, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, names)))
        return [m.group(0) for m in self._pattern.finditer(text)]
