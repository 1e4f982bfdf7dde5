"""TV & Streaming: a troubled drama that got renewed, a talk show on notice, a reunion walk-off."""

from __future__ import annotations

from byline.newsroom.demo.specs import (
    BODY_IMAGE_SIZE,
    ArticleSpec,
    fact_box,
    paragraph,
    photo,
    picture,
    pull_quote,
    subheading,
)
from byline.newsroom.models import UsageRights

SERIES_IN_TROUBLE = ArticleSpec(
    slug="is-lena-marshs-new-series-already-in-trouble",
    section="tv-streaming",
    title="Is Lena Marsh’s new series already in trouble?",
    standfirst=(
        "Reports of rewrites, reshoots and a departing showrunner have cast a shadow over Harbour"
        " Lights months before it reaches Lumen+."
    ),
    hero=photo(
        "The harbour at Saltmarsh Bay",
        scene="harbour",
        seed=61,
        figures=0,
        palette="ice",
        caption="The harbour at Saltmarsh Bay, where Harbour Lights has been filming for five months.",
        credit="Kestrel Images / Idris Penhallow",
    ),
    authors=("tomasz-reyes",),
    topics=("streaming",),
    people=("lena-marsh", "oren-falk"),
    hours_ago=187,
    body=(
        paragraph(
            "On paper, *Harbour Lights* has everything a streamer could want: a two-time Aurelia"
            " nominee in the lead, a bestselling novel as its source and a budget that, by one"
            " estimate, makes it the most expensive drama Lumen+ has ever commissioned. So why are"
            " the people who work on it so nervous?"
        ),
        paragraph(
            "According to a report in the trade weekly *Screen Ledger*, the eight-part series has"
            " been hit by extensive rewrites to its second half, and at least two episodes will be"
            " partly reshot. The same report says that the showrunner, Callum Ives, has left the"
            " production, with the streamer’s in-house team overseeing the remaining work."
        ),
        subheading("‘Nobody knows what the ending is’"),
        paragraph(
            "A crew member who has worked on the show since pre-production told The Byline Review"
            " that scripts for the final episodes were still arriving “on coloured pages, the night"
            " before”. “Nobody knows what the ending is,” they said. “Lena keeps everyone going,"
            " honestly. She is the calmest person on set and she has the most to lose.”"
        ),
        pull_quote(
            "Nobody knows what the ending is. Lena keeps everyone going, honestly.",
            "A crew member on Harbour Lights",
        ),
        paragraph(
            "Another person familiar with the production offered a different account, describing"
            " the changes as “the normal noise of making television”. “Every big show gets"
            " rewritten. Every big show reshoots something. The difference is that this one has a"
            " famous lead, so people are watching.”"
        ),
        paragraph(
            "The show’s troubles are not entirely new. Early in production, a storm destroyed"
            " part of the harbour set and cost the crew nearly two weeks of filming, and a"
            " supporting role was recast after the first block of episodes had been shot. “It"
            " has been a hard shoot from the first day,” the crew member said. “The weather,"
            " the tides, the script. Everyone is exhausted, and everyone still believes in it,"
            " which is the strange part.”"
        ),
        subheading("The streamer’s view"),
        paragraph(
            "Lumen+ insisted that the series was on track. “We couldn’t be prouder of *Harbour"
            " Lights* and of Lena’s performance,” said Oren Falk, the streamer’s head of original"
            " programming, in a statement. “Callum has moved on to develop other projects with us,"
            " and we thank him for his work. The show will premiere later this year as planned.”"
        ),
        paragraph(
            "Falk did not say when. The series was originally due next month; two people"
            " with knowledge of the schedule said that date is now “unlikely”."
        ),
        paragraph(
            "Lumen+ has reason to be careful. The streamer has spent heavily on drama over"
            " the past two years, and its last big swing, the period thriller *The Glass"
            " Ward*, was cancelled after a single series. An executive at a rival streamer"
            " said *Harbour Lights* was “the show that decides what kind of company Lumen+"
            " wants to be”."
        ),
        paragraph(
            "For Marsh, the timing is awkward. The actor is also facing questions about her"
            " marriage to Rafe Calloway, after a tabloid report claimed the couple were living"
            " apart. Her representatives have declined to comment on either story."
        ),
        paragraph(
            "Filming in Saltmarsh Bay is due to finish by the end of the month. Whether it does may"
            " tell us more than any statement."
        ),
    ),
)

LATE_NIGHT_SHAKE_UP = ArticleSpec(
    slug="will-after-hours-with-casper-whitlow-survive",
    section="tv-streaming",
    title="Will After Hours with Casper Whitlow survive the schedule shake-up?",
    standfirst=(
        "Beacon One is rethinking its late-night line-up, and the network’s longest-running talk"
        " show may be the biggest casualty."
    ),
    hero=photo(
        "The After Hours studio",
        scene="talk_show",
        seed=71,
        palette="sodium",
        caption="The After Hours set at Beacon One’s studios in Portmere.",
        credit="Beacon One / Press office",
        usage_rights=UsageRights.HANDOUT,
    ),
    authors=("tomasz-reyes",),
    topics=("late-night-tv",),
    people=("casper-whitlow",),
    hours_ago=125,
    body=(
        paragraph(
            "For eleven years, *After Hours with Casper Whitlow* has gone out four nights a week at"
            " half past eleven, a fixture of Beacon One’s schedule as reliable as the news that"
            " comes before it. That may be about to change."
        ),
        paragraph(
            "According to two people at the network, executives are weighing plans to cut the show"
            " to a single weekly episode as part of a wider review of late-night programming. One"
            " of them described the discussions as “advanced”; the other said “nothing is decided,"
            " but everything is on the table”."
        ),
        subheading("Falling audiences, rising costs"),
        paragraph(
            "The pressures are familiar across the industry. Overnight audiences for late-night"
            " television have fallen steadily, and younger viewers increasingly watch the best"
            " bits as clips the next morning. Whitlow’s show has adapted better than most, with its"
            " “Lost Property” segment regularly among the most-shared clips on Beacon One’s"
            " channels, but a source close to the network’s finance team said the show was"
            " “expensive to make four times a week and cheap to make once”."
        ),
        paragraph(
            "A former *After Hours* writer told The Byline Review that staff had been bracing for"
            " news for months. “There was a meeting where someone said the word"
            " ‘streamlined’ and the whole room went quiet,” they said."
        ),
        paragraph(
            "Cutting to one night a week would bring *After Hours* in line with the weekly"
            " format that rival broadcasters have adopted in recent years, but it would also"
            " mean redundancies. The show employs a staff of more than sixty, including a"
            " house band, and several of them are understood to have been told to expect news"
            " “before the end of the season”."
        ),
        subheading("Whitlow’s answer"),
        paragraph(
            "Whitlow addressed the reports in his monologue this week, to applause from the studio"
            " audience. “I’ve heard the rumours too,” he said. “I’m told I’m absolutely fine. I was"
            " also told that about my hairline.”"
        ),
        paragraph(
            "Beacon One said in a statement that it “does not comment on speculation about future"
            " schedules” and that *After Hours* “remains a valued part of our line-up”."
        ),
        paragraph(
            "A decision is expected before the network announces its next schedule. Until then,"
            " Whitlow will keep going four nights a week and, judging by this week’s monologue,"
            " keep joking about it."
        ),
    ),
)

REUNION_WALK_OFF = ArticleSpec(
    slug="why-did-imogen-sayle-walk-off-the-sunset-villa-reunion",
    section="tv-streaming",
    title="Why did Imogen Sayle walk off the Sunset Villa reunion?",
    standfirst=(
        "The reality star left the set halfway through filming, and the show’s producers and her"
        " former castmates are telling two very different stories."
    ),
    hero=photo(
        "The Sunset Villa set",
        scene="villa",
        seed=81,
        palette="dusk",
        caption="The Sunset Villa set, where the reunion special was filmed.",
        credit="Kestrel Images / Tamsin Koval",
    ),
    authors=("tomasz-reyes", "priya-castellane"),
    topics=("reality-tv", "feuds"),
    people=("imogen-sayle",),
    hours_ago=84,
    body=(
        paragraph(
            "Reunion episodes of *Sunset Villa* have a reliable formula: the cast returns, old"
            " couples avoid eye contact, someone cries, and everyone leaves on speaking terms, more"
            " or less. This year’s special, filmed at the weekend, did not follow the script."
        ),
        paragraph(
            "Imogen Sayle, the breakout star of the show’s second series, walked off set about an"
            " hour into recording, according to three people who were in the audience. One of"
            " them said she “unclipped her microphone, handed it to a runner and left without a"
            " word”. She did not return."
        ),
        subheading("What happened on set"),
        paragraph(
            "Accounts of what prompted the exit differ. A member of the audience said the mood"
            " changed during a segment about Sayle’s relationship with her former castmate Rory"
            " Dunmore, when a clip was played that she had “clearly not seen before”. “You could"
            " see her face change,” they said. “It didn’t feel like television any more.”"
        ),
        paragraph(
            "A source close to the production told the *Daily Lantern* that Sayle had been shown"
            " the running order in advance and that her departure was “a surprise to everyone”."
            " The same source said producers had “bent over backwards” to make the cast"
            " comfortable."
        ),
        paragraph(
            "Dunmore, who stayed for the rest of the recording, has not commented publicly. A"
            " friend of his told The Byline Review that he was “gutted” by how the evening ended"
            " and had tried to call Sayle afterwards."
        ),
        subheading("‘Some things aren’t content’"),
        paragraph(
            "Sayle broke her silence the following night with a short post: “I said what I needed"
            " to say. Some things aren’t content.” It has since been shared more than 200,000"
            " times."
        ),
        paragraph(
            "The show’s production company said it would “never air anything that puts a"
            " contributor’s wellbeing at risk” and that the reunion would be edited “with care”. It"
            " has not said whether the segment in question will be broadcast."
        ),
        paragraph(
            "The reunion special is due to air later this month. For the first time in the show’s"
            " history, nobody is quite sure what will be in it."
        ),
    ),
)

SERIES_RENEWED = ArticleSpec(
    slug="lumen-renews-harbour-lights-before-it-airs",
    section="tv-streaming",
    title="Lumen+ renews Harbour Lights before a single episode has aired",
    standfirst=(
        "After weeks of reports about rewrites and reshoots, the streamer has ordered a second"
        " series of Lena Marsh’s drama and set a date for the first."
    ),
    hero=photo(
        "Saltmarsh Bay at dusk",
        scene="harbour",
        seed=91,
        figures=0,
        palette="dusk",
        caption="Saltmarsh Bay at dusk during the last week of filming on Harbour Lights.",
        credit="Lumen+ / Sunniva Hale",
        usage_rights=UsageRights.HANDOUT,
    ),
    authors=("tomasz-reyes",),
    topics=("streaming",),
    people=("lena-marsh", "oren-falk"),
    hours_ago=18,
    body=(
        paragraph(
            "Lumen+ has renewed *Harbour Lights* for a second series, an unusual vote of confidence"
            " in a drama that has yet to reach viewers and that, until this week, was better known"
            " for its troubles behind the scenes."
        ),
        paragraph(
            "The streamer announced the renewal alongside a release date for the first series: all"
            " eight episodes will arrive together in six weeks, a little later than originally"
            " planned."
        ),
        paragraph(
            "“We have seen the finished series and we think it is the best thing we have ever"
            " made,” said Oren Falk, Lumen+’s head of original programming. “Ordering a second"
            " series now lets us keep this extraordinary cast and crew together. We didn’t want to"
            " wait.”"
        ),
        subheading("After the rumours"),
        paragraph(
            "The announcement comes little more than a week after the trade weekly *Screen Ledger*"
            " reported that the show had been hit by rewrites, partial reshoots and the departure"
            " of its showrunner, Callum Ives. A crew member told The Byline Review at the time that"
            " “nobody knows what the ending is”."
        ),
        paragraph(
            "Two people who have seen the final cut said the ending had indeed changed. One"
            " described the new version as “much braver”; the other said only that it was"
            " “different, and probably better”. Ives, who keeps an executive producer credit,"
            " called the renewal “thoroughly deserved” in a brief post."
        ),
        paragraph(
            "The renewal is also a statement about the streamer’s strategy. Lumen+ has"
            " cancelled three dramas after a single series in the past year, and executives"
            " are said to have wanted a show they could build on for several seasons. “They"
            " needed a flagship,” a producer who works with the streamer said. “They decided"
            " this was it, and then they decided to say so loudly.”"
        ),
        picture(
            photo(
                "Harbour Lights first-look image",
                scene="harbour",
                seed=92,
                palette="teal",
                caption="A first-look image from Harbour Lights, released with the renewal.",
                credit="Lumen+ / Sunniva Hale",
                usage_rights=UsageRights.HANDOUT,
                size=BODY_IMAGE_SIZE,
            )
        ),
        fact_box(
            "Harbour Lights at a glance",
            "Eight episodes, all released on the same day in six weeks",
            "Adapted from Agnes Threlfall’s bestselling novel",
            "Filmed on location in Saltmarsh Bay",
            "Lena Marsh stars as the harbourmaster Nell Corrigan",
            "A second series is in development, with filming expected next year",
        ),
        subheading("Marsh’s reaction"),
        paragraph(
            "Marsh, who has spent most of the year on location, said she was “over the moon”. “We"
            " made this show in the rain, in the dark and occasionally in the sea,” she said. “I"
            " can’t wait for people to meet Nell, and I can’t believe we get to do it all again.”"
        ),
        paragraph(
            "Lumen+ is celebrating with a party at the Vesper Hall in Portmere tonight. Whether"
            " Marsh’s husband, Rafe Calloway, will be there is the question most of the guests will"
            " be asking."
        ),
    ),
)

ARTICLES = (SERIES_IN_TROUBLE, LATE_NIGHT_SHAKE_UP, REUNION_WALK_OFF, SERIES_RENEWED)
