"""Readers on Harbour Lights, After Hours and the Sunset Villa reunion."""

from __future__ import annotations

from byline.discussion.demo.specs import conversation, say

SERIES_IN_TROUBLE = conversation(
    "is-lena-marshs-new-series-already-in-trouble",
    say(
        "rowan",
        "Coloured pages the night before is completely normal: it’s how script revisions are"
        " tracked (blue, then pink, then yellow, and so on). What isn’t normal is coloured pages"
        " for the *ending* this late in the shoot. That’s the worrying bit.",
        say(
            "yasmin",
            "Thank you, I genuinely thought “coloured pages” was a dramatic flourish by the crew"
            " member. Television is weirder than I thought.",
            up=1,
        ),
        up=5,
    ),
    say(
        "yasmin",
        "If they’re rewriting the second half, they’re rewriting the ending, and the ending of"
        " Agnes Threlfall’s book is the whole point of it. I was excited about this show. Now"
        " I’m nervous.",
        up=3,
    ),
    say(
        "sal",
        "A crew member who has been there “since pre-production”, praising the star while"
        " trashing the scripts. Everybody on that set will know exactly who that is. Either very"
        " brave, or they’ve already got their next job lined up.",
        up=2,
    ),
    say(
        "gus",
        "*The Glass Ward* was cancelled after one series and it was brilliant. Lumen+ doesn’t"
        " have a great record of holding its nerve. I hope it holds it this time, because the"
        " book deserves a proper run.",
        up=2,
    ),
    say(
        "marek",
        "The showrunner has “moved on to develop other projects with us”. Nobody in the history"
        " of television has moved on to develop other projects voluntarily.",
        say(
            "rowan",
            "Occasionally they do! But yes, “with us” is the tell: they’re keeping him sweet so"
            " he doesn’t talk. Doesn’t mean he was pushed, just that they want it quiet.",
            up=2,
        ),
        up=3,
        down=1,
    ),
    say(
        "jo",
        "“Lena keeps everyone going.” Whatever happens with the show, that’s a nice thing to"
        " have said about you by a crew member who is clearly fed up with everything else.",
        up=2,
    ),
)

LATE_NIGHT_SHAKE_UP = conversation(
    "will-after-hours-with-casper-whitlow-survive",
    say(
        "cass",
        "Lost Property is the only reason I still watch live TV. Casper reading out what the"
        " audience left under their seats is the funniest five minutes on Beacon One. Once a"
        " week would be a crime.",
        say(
            "dev",
            "The night he found a whole roast chicken under row F. Television history. I still"
            " think about the face of the woman who came to claim it.",
            say(
                "cass",
                "And he ate a leg on air before asking the owner to come and collect it. The"
                " house band played the news theme. Genuinely perfect television.",
                up=3,
            ),
            up=4,
        ),
        up=6,
    ),
    say(
        "rowan",
        "For anyone wondering how a show can be “cheap to make once a week”: it’s the fixed"
        " costs. A nightly show pays a staff of sixty all week; a weekly one runs on a fraction"
        " of that. Which is why “streamlined” makes a room go quiet.",
        up=4,
    ),
    say(
        "barnaby",
        "Who is still awake at half past eleven on a weeknight? Some of us have jobs. Move it to"
        " nine o’clock and you’d have an audience.",
        say(
            "cass",
            "That’s... the point of late-night TV, Barnaby. And the clips get millions of views"
            " the next morning, so people are watching it. Just not live.",
            up=2,
        ),
        up=1,
        down=3,
    ),
    say(
        "sal",
        "“Advanced” from one person and “nothing is decided” from another, both unnamed, both"
        " from the same network. That’s two people disagreeing, not a story. Although the"
        " hairline joke does suggest Casper is worried.",
        up=2,
    ),
    say(
        "tilly",
        "The house band! If they cut the house band I’m writing to Beacon One. The drummer’s face"
        " during the bad jokes is half the reason I watch.",
        up=3,
    ),
)

REUNION_WALK_OFF = conversation(
    "why-did-imogen-sayle-walk-off-the-sunset-villa-reunion",
    say(
        "sunita",
        "“Some things aren’t content.” Good for her. These shows make money by putting young"
        " people in a pressure cooker and then act surprised when someone reaches for the lid."
        " If she hadn’t seen that clip, walking off was the only sane response.",
        say(
            "rowan",
            "For what it’s worth, being “shown the running order” and seeing the clip are not"
            " the same thing. A running order says “segment 4: Imogen and Rory”. It doesn’t"
            " show you the footage. Both accounts can be true.",
            up=5,
        ),
        up=8,
    ),
    say(
        "bea",
        "She signed up to a reality show and now she’s upset there’s reality in it? Give me a"
        " break. Walking off was the most dramatic thing she could have done, which is"
        " presumably the point. Ratings gold.",
        say(
            "sunita",
            "She signed up to a dating show at 22. She didn’t sign up to be ambushed with footage"
            " she’d never seen, on a stage, in front of an audience. Those are different things.",
            up=4,
        ),
        say(
            "jo",
            "A young woman gets upset and the first assumption is that she’s doing it for the"
            " ratings. Come on, that’s not fair on anyone.",
            up=2,
        ),
        deleted=True,
        up=1,
        down=5,
    ),
    say(
        "tilly",
        "Series two Imogen was the best thing on television and I will not be taking questions."
        " I really hope she’s okay and has good people around her.",
        up=2,
    ),
    say(
        "sal",
        "Three independent audience members versus “a source close to the production” who"
        " happens to be defending the production. Both anonymous, sure, but only one of them"
        " has an obvious interest in how this lands.",
        say(
            "marek",
            "The audience saw a woman leave. They didn’t see what she’d been told beforehand."
            " Neither version is proven.",
            say(
                "sal",
                "Fair: neither is proven. But one side has an obvious interest in the story"
                " going a particular way, and it isn’t the people in the audience.",
                up=2,
            ),
            up=1,
            down=1,
        ),
        up=3,
    ),
    say(
        "cass",
        "The production company promising to edit it “with care” is a bit like a fox"
        " promising to guard the henhouse “with care”. We’ll see what actually airs.",
        up=3,
    ),
    say(
        "dev",
        "Handing the microphone to a runner on the way out is an iconic exit. Polite, efficient,"
        " devastating. That runner will be telling the story for the rest of their career.",
        up=4,
    ),
    say(
        "ines",
        "Nobody is talking about Rory trying to call her afterwards. Whatever happened between"
        " them in the villa, that’s a decent thing to do, and he stayed to finish the recording"
        " too.",
        up=1,
    ),
)

SERIES_RENEWED = conversation(
    "lumen-renews-harbour-lights-before-it-airs",
    say(
        "yasmin",
        "As someone who has read Agnes Threlfall’s novel three times: if they’ve “changed the"
        " ending”, I need to know which way. The book’s ending is the whole point. If Nell"
        " leaves the harbour I will be writing a strongly worded letter to Lumen+.",
        say(
            "rowan",
            "“Much braver” from someone who has seen the cut usually means “sadder”. I’d"
            " prepare yourself, and maybe draft that letter now.",
            up=2,
        ),
        say(
            "gus",
            "The book’s ending is famously unfilmable, though. Twelve pages of fog. They had to"
            " change *something*, or it’s forty minutes of a smoke machine.",
            say(
                "yasmin",
                "The fog is a *metaphor*, Gus. But fine, I’ll allow that twelve pages of it"
                " would make for slow television.",
                up=3,
            ),
            up=2,
        ),
        up=7,
    ),
    say(
        "rowan",
        "Renewing before anything has aired is rarer than people think. It’s either real"
        " confidence or a way to stop the talent being poached, and with a lead this much in"
        " demand I’d guess it’s a bit of both.",
        up=5,
    ),
    say(
        "sal",
        "A week ago the story was “nobody knows what the ending is”, from one crew member. Now"
        " two unnamed people say the new ending is “braver”. I’ll believe in the ending when I"
        " see it, on my screen.",
        up=2,
    ),
    say(
        "marek",
        "The streamer cancels three dramas in a year, then renews one nobody has watched. That"
        " isn’t confidence, it’s a press release aimed at the shareholders.",
        say(
            "rowan",
            "It’s both. Streamers announce renewals to shape the story around a show, but that"
            " doesn’t make the decision fake. They are committing real money to a second"
            " series.",
            up=2,
        ),
        up=1,
        down=2,
    ),
    say(
        "dev",
        "“We made this show in the rain, in the dark and occasionally in the sea” is also how I"
        " would describe my family holiday in Saltmarsh Bay.",
        up=5,
    ),
    say(
        "jo",
        "Delighted for Lena. After the fortnight she’s had, a renewal and a cast party is a"
        " lovely way to end it. I hope she gets a proper holiday before series two starts.",
        up=2,
    ),
    say(
        "cass",
        "Callum Ives calling it “thoroughly deserved” after being eased out is the classiest"
        " thing in this whole story. Or a very good severance agreement. Possibly both.",
        up=2,
    ),
    say(
        "petra",
        "Just to note: “six weeks from now” is later than the original date, which *Screen"
        " Ledger*’s sources said was “unlikely”. So that report was right about the date too."
        " It has been a good week for unnamed people.",
        up=1,
    ),
    say(
        "gus",
        "All eight episodes at once is the right call for this kind of show. Weekly releases"
        " suit mysteries; this sounds like something you want to sink into over a rainy"
        " weekend.",
    ),
    say(
        "tilly",
        "That first-look image is GORGEOUS. Whoever shot Saltmarsh Bay at dusk deserves an award"
        " of their own, and a raise, and possibly a boat.",
        up=1,
    ),
    say(
        "barnaby",
        "The most expensive drama the streamer has ever made, renewed because the executives"
        " liked it. What could possibly go wrong. I look forward to “Is series two already in"
        " trouble?” next spring.",
        say(
            "dev",
            "Barnaby’s already drafting it. Working title: *Harbour Lights Out*. Available"
            " exclusively in the comment section.",
            up=3,
        ),
        up=1,
        down=1,
    ),
)

CONVERSATIONS = (SERIES_IN_TROUBLE, LATE_NIGHT_SHAKE_UP, REUNION_WALK_OFF, SERIES_RENEWED)
