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
    _pattern: re.Pattern | None = None

    @classmethod
    def from_database(cls) -> "Gazetteer":
        from articles.models import Region
        from articles.models.choices import RegionLevel

        rows = Region.objects.filter(level__in=[RegionLevel.CITY, RegionLevel.COUNTY]).values_list(
            "code", "name", "short_name", "level", "parent__code"
        )
        city_of: dict[str, str] = {}
        for code, name, short_name, level, parent_code in rows:
            city = code if level == RegionLevel.CITY else (parent_code or code)
            for spelling in (name, short_name):
                if spelling and len(spelling) >= 2:
                    city_of.setdefault(spelling, city)
        return cls(city_of=city_of)

    def cities_in(self, text: str) -> set[str]:
        """City codes of the places named in ``text`` (longest names first: 西湖区 before 西湖)."""
        if not self.city_of:
            return set()
        if self._pattern is None:
            names = sorted(self.city_of, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, names)))
        return {self.city_of[m.group(0)] for m in self._pattern.finditer(text)}
