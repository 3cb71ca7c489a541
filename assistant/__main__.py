"""`python -m assistant` runs the same entry point as `realtime-assistant`.

`--watch-audio-devices SECONDS` runs the device helper instead (`assistant.audio.lister`):
checked first, so the helper loads neither the command line nor Qt.
"""

import sys

from assistant.audio.lister import WATCH_FLAG

if sys.argv[1:2] == [WATCH_FLAG]:
    from assistant.audio.devices import watch_main

    raise SystemExit(watch_main(sys.argv[2:]))

from assistant.cli.main import main  # after the helper's early exit

raise SystemExit(main())
