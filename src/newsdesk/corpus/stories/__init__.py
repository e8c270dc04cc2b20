"""Stories: which articles report the same happening, found as the articles arrive.

A pile of articles holds several stories. Each article is read as a *profile*: what it reports,
in four channels, each weighted towards what is central to the article (its headline and
lead count more than its last paragraph, an actor named five times more than one named once):

* ``actors``: the words of its named entities (``Bettie Page`` and ``Page`` share ``page``,
  whatever label the tagger gave each);
* ``words``: its content words;
* ``dates``: the dates it states (``2008``, ``2008-12``), as written in the text;
* ``happenings``: what its headline and lead report happening, and to whom: for each clause
  the parse read there, the kind of happening (``~seizure``: "captured", "seized" and
  "apprehended" are one kind) and the kind with each argument's head word (``~seizure>pirate``,
  in either voice); saying, being and having are no happening, pronouns and times no
  participant. It adds to the similarity when two groups' happenings match (``happening_bonus``)
  and costs nothing when they do not; two further uses are there and off as shipped: a floor
  under which two groups' happenings part them (``happening_floor``) and a match that lets an
  undated group join at the dated bar (``happening_vouch``). Measured in docs/EVALUATION.md.

A new article is compared with the stories it could belong to, never with every story: an
index from the key terms of each story to the story proposes a bounded set of candidates
(the most recent stories for each term), so the cost of one article does not grow with the
store. Two groups of articles (an article alone, or a story) are compared by the mean
similarity of their members, read from the sums of the members' vectors. They are one story
when that mean reaches an absolute floor (``join``; ``undated_join`` when neither is dated,
since no window can then tell the same actors' different happenings apart, and then only when
their actors are close too: ``undated_actors``) and a share (``ratio``) of how close each group's
own members are: two stories about the same actors, each tight within itself, stay two. A time
window applies (the same actors a month apart are two stories).

Each run begins every new article as a story of its own and joins, best first, the closest
pair among the new stories and their candidates while the pair is one story: an article
joins a story, new articles make a story together, or an article bridges two stories, which
then become one (the older keeps its id and lists the other in ``merged_from``; the merge is
recorded). A story the run changed is then looked at again as a whole and split if it holds
two stories (an article joined it before its own story's articles had arrived). Last, a second
stage: a story left small (or smaller than its neighbour) joins the established story of
``core`` articles or more that it is clearly closest to, at a lower bar (``attach``, with a
margin over the next core), since a core describes its happening better than any one article
does; the stories near a core that changed are looked at too, so that articles arriving in
batches end where they would have had they arrived at once. An article close to a second story
is listed there too (a roundup).

Modules: ``model`` (settings, profiles, states, books), ``profiles`` (reading an article),
``working`` (one run's view of the book: weights, similarity, candidates, merges), ``detect``
(the stages and the story stage), ``memory`` (a book in memory).

Term weights use inverse document frequencies over every article profiled so far (counts the
book keeps); a story's sums are made again from its members' stored profiles once the counts
have grown by a quarter. Everything here is pure: the book (``StoryBook``) is read through a
protocol and the result is a list of changes for the caller to store.
"""

from newsdesk.corpus.stories.detect import detect, update_stories
from newsdesk.corpus.stories.memory import MemoryBook
from newsdesk.corpus.stories.model import (
    CHANNELS,
    EXTRACTOR,
    Membership,
    Merge,
    Profile,
    StoredBook,
    StoryBook,
    StoryChanges,
    StorySettings,
    StoryState,
    Units,
    Vector,
    story_id,
)
from newsdesk.corpus.stories.profiles import _headline, profile

__all__ = [
    "CHANNELS",
    "EXTRACTOR",
    "Membership",
    "MemoryBook",
    "Merge",
    "Profile",
    "StoredBook",
    "StoryBook",
    "StoryChanges",
    "StorySettings",
    "StoryState",
    "Units",
    "Vector",
    "_headline",
    "detect",
    "profile",
    "story_id",
    "update_stories",
]
