"""Charts: tables in, matplotlib Figure out, in one house style (see ``style``)."""
from .style import (ALERT, MUTED, OK, PALETTE, TIER_COLOURS, ensure_style, new_figure, picture,
                    use_house_style)

__all__ = ["ALERT", "MUTED", "OK", "PALETTE", "TIER_COLOURS", "ensure_style", "new_figure", "picture",
           "use_house_style"]
