"""What the forkserver builds once, before it forks the analysis workers, so they share it.

A forked process shares its parent's memory pages until one of them writes to a page.
When each worker built its own Checker (spaCy's pipeline, the lemma table, the rules and
their matchers), every worker held a private copy of all of it. The forkserver imports
this module last of its preloads: it builds the Checker the run's workers need, then
freezes the garbage collector's view of every object made so far (`gc.freeze`), so the
collections in the workers never write to those objects' headers and their pages stay
shared. A worker takes the prebuilt Checker when its options are the same
(`preloaded_checker`), else builds its own as before.

The client says what to build through an environment variable, set before the forkserver
starts (`announce`): the forkserver is started once per client process, so in a process
that runs several batches only the first one's Checker is prebuilt; the others build
their own in each worker, as before. Only the default spaCy pipeline is prebuilt (an
installed model may start threads, which must not be forked), and a failure here is left
for the worker to meet and report as it always did. The client never imports this module.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from msa_check.batch.work import announced_options, build_checker
from msa_check.check_options import CheckOptions
from msa_check.defaults import DEFAULT_MODEL

if TYPE_CHECKING:
    from msa_check.checker import Checker

_preloaded: tuple[CheckOptions, Checker] | None = None


def preloaded_checker(options: CheckOptions) -> Checker | None:
    """The forkserver's prebuilt Checker, if it was built for these very options."""
    if _preloaded is not None and _preloaded[0] == options:
        return _preloaded[1]
    return None


def _preload() -> None:
    global _preloaded
    options = announced_options()
    if options is not None and options.model == DEFAULT_MODEL:
        try:
            _preloaded = (options, build_checker(options))
        except Exception:  # the worker builds it again and reports the error
            _preloaded = None
    gc.collect()
    gc.freeze()  # what exists now is shared with every worker: keep the collector off it


_preload()
