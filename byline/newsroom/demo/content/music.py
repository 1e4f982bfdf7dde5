"""Music: a producer's feud that was really a deadline, and a reunion that began with four chairs."""

from __future__ import annotations

from byline.newsroom.demo.specs import (
    BODY_IMAGE_SIZE,
    ArticleSpec,
    CorrectionSpec,
    fact_box,
    paragraph,
    photo,
    picture,
    pull_quote,
    subheading,
)
from byline.newsroom.models import UsageRights

FEUD_RUMOUR = ArticleSpec(
    slug="are-juno-vale-and-theo-brandt-feuding",
    section="music",
    title="Are Juno Vale and Theo Brandt feuding over the new album?",
    standfirst=(
        "The pop star’s fourth record has been quietly pushed back, and people around her say the"
        " partnership behind her biggest hits has broken down."
    ),
    hero=photo(
        "A vocal booth at Longwave Studios",
        scene="microphone",
        seed=101,
        palette="violet",
        caption=(
            "A vocal booth at Longwave Studios in Portmere, where Vale and Brandt recorded her"
            " last two albums."
        ),
        credit="Halcyon Wire / Ravi Okonjo-Hale",
    ),
    authors=("odile-fenwick",),
    topics=("feuds",),
    people=("juno-vale", "theo-brandt"),
    hours_ago=202,
    corrections=(
        CorrectionSpec(
            20,
            "An earlier version of this article said Theo Brandt produced all three of Juno"
            " Vale’s albums. He produced the second and third.",
        ),
    ),
    body=(
        paragraph(
            "When Juno Vale announced her fourth album eight months ago, she gave fans a title, *Slow"
            " Fireworks*, a colour (a deep, bruised purple) and a promise: “before the tour”. The tour is"
            " well under way, and the album is nowhere to be seen."
        ),
        paragraph(
            "Release plans have been quietly pushed back, according to two people at her record"
            " label, and the reason, they say, is not the music itself but the relationship between"
            " Vale and Theo Brandt, the producer and co-writer behind her last two records and most"
            " of her best-known songs."
        ),
        subheading("‘Not in the same room for months’"),
        paragraph(
            "“They haven’t been in the same room for months,” one of those people claimed."
            " “Everything is going through lawyers and managers. It’s a shame, because the songs"
            " are brilliant.”"
        ),
        paragraph(
            "The dispute, according to a source who spoke to *Popwire*, centres on credits: how"
            " much of the new material Brandt co-wrote, and how the album will describe his role."
            " The same source said Brandt had been “blindsided” by an early tracklist that listed"
            " him as producer on only half of the songs."
        ),
        paragraph(
            "Fans have been sifting the evidence for weeks. Brandt stopped following Vale on social"
            " media two months ago, and he was absent from the opening night of the Afterglow Tour, where"
            " the pair had famously embraced on stage two years ago."
        ),
        paragraph(
            "The delay hurts Vale more than most. *Slow Fireworks* was meant to arrive during the"
            " Afterglow Tour, and the setlist was built around it: five of the new songs are"
            " already played every night, and fans have been filming them on their phones,"
            " which means that much of the album has, in effect, already leaked."
        ),
        subheading("Another version"),
        paragraph(
            "Not everyone accepts the feud story. A musician who has played on both of Vale’s"
            " recent albums described the pair’s working relationship as “intense, always, and"
            " that’s why it works”. “They fight about a snare sound for three days and then make"
            " something beautiful,” they said. “If that’s a feud, they’ve been feuding for five"
            " years.”"
        ),
        paragraph(
            "Vale’s label said only that the album was “coming soon” and that it had “nothing to"
            " add” about Brandt. Brandt’s management did not respond to requests for comment."
        ),
        paragraph(
            "Brandt, for his part, has been busy elsewhere. He has produced two singles for"
            " other artists in recent months, and was photographed last week leaving Longwave"
            " Studios with the members of a new band, which some fans have read as a sign that"
            " he has moved on."
        ),
        paragraph(
            "In the meantime, Vale is playing songs from the record every night on tour. At a"
            " recent show she introduced the title track with a smile and a single sentence: “This"
            " one took a while.”"
        ),
    ),
)

REUNION_RUMOUR = ArticleSpec(
    slug="are-the-paper-lanterns-getting-back-together",
    section="music",
    title="Are The Paper Lanterns getting back together?",
    standfirst=(
        "Kit Adair’s cryptic photograph of a rehearsal room with four chairs has fans of the indie"
        " band convinced that a reunion is on the way."
    ),
    hero=photo(
        "The Paper Lanterns on their farewell tour",
        scene="stage",
        seed=111,
        figures=4,
        palette="amber",
        caption="The Paper Lanterns on their farewell tour in 2016.",
        credit="Northlight Agency / Saoirse Vantongeren",
    ),
    authors=("odile-fenwick",),
    topics=("reunions",),
    people=("kit-adair",),
    hours_ago=139,
    body=(
        paragraph(
            "It was just a photograph: a rehearsal room with a worn rug, a drum kit under a dust"
            " sheet and four folding chairs arranged in a semicircle. There was no caption. But"
            " when Kit Adair posted it at two o’clock in the morning, fans of The Paper Lanterns"
            " needed no explanation."
        ),
        paragraph(
            "The band, who split in 2016 after three albums and one memorably chaotic final tour,"
            " have always had four members. Adair, now a solo artist with two records of his own,"
            " has long insisted that a reunion was “not on the cards”, most recently in an"
            " interview last year in which he said he would “rather eat the setlist”."
        ),
        subheading("Reading the room"),
        paragraph(
            "Fans were quick to point out details: a bass guitar case with a sticker matching the"
            " one on Hattie Quarrie’s case in the band’s old videos, and a chipped mug that"
            " appeared in a documentary about their second album. By the morning, a fan-made"
            " countdown clock had appeared online, counting down to nothing in particular."
        ),
        paragraph(
            "A source close to the band told *Popwire* that the four members had “been talking"
            " again, properly, for the first time in years”, and that a one-off show was “a real"
            " possibility”. The same source stressed that nothing had been booked."
        ),
        pull_quote(
            "They have been talking again, properly, for the first time in years.",
            "A source close to the band, speaking to Popwire",
        ),
        paragraph(
            "Another person who knows the band was more sceptical. “Kit posts moody pictures of"
            " rooms all the time,” they said. “Last month it was a kitchen. Nobody thought he was"
            " opening a restaurant.”"
        ),
        paragraph(
            "If a reunion does happen, it would end one of indie music’s more famous"
            " standoffs. The band’s split was never fully explained: Adair blamed"
            " “exhaustion”, Quarrie blamed “Kit”, and the other two said nothing at all. A"
            " documentary crew that followed the final tour filmed a backstage argument that"
            " fans still quote, in which Rowntree throws a drumstick across a dressing room"
            " and misses everyone."
        ),
        subheading("Silence from the band"),
        paragraph(
            "Neither Adair nor his former bandmates, Hattie Quarrie, Leon Achterberg and Bex"
            " Rowntree, have commented. Quarrie, who now teaches music in Calderport, did, however,"
            " like the post, which for many fans was confirmation enough."
        ),
    ),
)

NO_FEUD = ArticleSpec(
    slug="theo-brandt-on-the-juno-vale-rumours",
    section="music",
    title="Theo Brandt on the Juno Vale rumours: ‘There’s no feud, there’s a deadline’",
    standfirst=(
        "The producer denies falling out with the pop star, but confirms that her fourth album"
        " will not arrive this year."
    ),
    hero=photo(
        "Theo Brandt at the Popwire Sessions",
        scene="microphone",
        seed=121,
        palette="amber",
        caption="Theo Brandt at the Popwire Sessions in Portmere last year.",
        credit="Meridian Press Photos / Ilse Marchetti",
    ),
    authors=("odile-fenwick",),
    topics=("feuds",),
    people=("theo-brandt", "juno-vale"),
    hours_ago=67,
    body=(
        paragraph(
            "Theo Brandt has broken his silence on reports that he and Juno Vale are no longer"
            " speaking, and his verdict is that the story is half right."
        ),
        paragraph(
            "“There’s no feud, there’s a deadline,” the producer told *Popwire* in an interview"
            " published this week, his first since reports emerged that Vale’s fourth album had"
            " been delayed. “We missed it. That’s the whole scandal.”"
        ),
        pull_quote(
            "There’s no feud, there’s a deadline. We missed it. That’s the whole scandal.",
            "Theo Brandt, speaking to Popwire",
        ),
        subheading("The album is late"),
        paragraph(
            "Brandt confirmed that *Slow Fireworks*, originally promised before the tour, would"
            " not be released this year. He said the album was “about eighty per cent finished”"
            " and that the remaining songs had been rewritten “three or four times each”, partly"
            " because Vale had been writing new material on tour."
        ),
        paragraph(
            "He also addressed the credits dispute reported last week, in which he was said to have"
            " been unhappy about his role on the record. “Every album has a conversation about"
            " credits. Ours happened to leak,” he said. “It’s sorted. My name is on the songs I"
            " wrote, and hers is on all of them.”"
        ),
        subheading("What about the unfollow?"),
        paragraph(
            "Asked why he had stopped following Vale on social media, Brandt laughed. “I unfollowed"
            " everyone. I was spending four hours a day on my phone. Ask my mum, I unfollowed her"
            " too.”"
        ),
        paragraph(
            "A person close to Vale said the singer was “relieved” that Brandt had spoken, and"
            " described the past few weeks as “more stressful than making the album”. Vale herself"
            " has not commented, though at her show last night she dedicated “Harbourside”, the"
            " first song the pair wrote together, to “the most annoying genius I know”."
        ),
        paragraph(
            "Not everyone is convinced that all is well. A label employee, speaking on condition of"
            " anonymity, said relations had been “properly frosty” earlier in the year and had only"
            " thawed “because they both realised how it looked”. But even that source agreed on one"
            " point: “The record is good. When it comes out, nobody will remember any of this.”"
        ),
    ),
)

REUNION_CONFIRMED = ArticleSpec(
    slug="the-paper-lanterns-confirm-one-night-reunion",
    section="music",
    title="The Paper Lanterns confirm one-night reunion at the Vesper Hall",
    standfirst=(
        "Years after their last show, the indie band will play a single concert in Portmere, and"
        " they say there are no plans for more."
    ),
    hero=photo(
        "The Vesper Hall, Portmere",
        scene="concert",
        seed=131,
        palette="cyan",
        caption="The Vesper Hall in Portmere, where The Paper Lanterns played their final show.",
        credit="The Byline Review / Wren Abernathy",
        usage_rights=UsageRights.OWNED,
    ),
    authors=("odile-fenwick",),
    topics=("reunions", "tours"),
    people=("kit-adair",),
    hours_ago=10,
    body=(
        paragraph(
            "The chairs were a clue after all. The Paper Lanterns have confirmed that they will"
            " reunite for one night only at the Vesper Hall in Portmere early next year, the venue"
            " where they played what was supposed to be their last ever show."
        ),
        paragraph(
            "The announcement came this morning in a short video posted by all four members, Kit"
            " Adair, Hattie Quarrie, Leon Achterberg and Bex Rowntree, sitting on the folding chairs"
            " from the photograph Adair posted last week. Nobody speaks. At the end, Rowntree pulls"
            " the dust sheet off the drum kit and hits a single cymbal."
        ),
        paragraph(
            "The video crashed the band’s website within minutes, and a sign-up page for the"
            " ticket pre-sale had to be moved to a larger server twice before lunchtime,"
            " according to a member of the band’s management team."
        ),
        subheading("‘One night. That’s it.’"),
        paragraph(
            "In a statement, Adair said the band had started talking again last year “for no reason"
            " other than that we missed each other”. “At some point someone said, what if we played"
            " the songs once more, properly, for the people who cared about them,” he said. “One"
            " night. That’s it. Please don’t ask about a tour.”"
        ),
        fact_box(
            "The reunion at a glance",
            "One show only, at the Vesper Hall in Portmere, early next year",
            "Tickets go on sale next week, limited to four per person",
            "All three albums will be reissued on vinyl",
            "Support comes from the Calderport choir the Lamplighters",
        ),
        paragraph(
            "The source who told *Popwire* last week that a one-off show was “a real possibility”"
            " appears to have been right. The more sceptical friend, who compared Adair’s"
            " photograph to an earlier picture of a kitchen, took the news in good humour. “Fine,”"
            " they said. “But I’m still waiting for the restaurant.”"
        ),
        picture(
            photo(
                "Kit Adair and Hattie Quarrie in 2016",
                scene="stage",
                seed=132,
                figures=2,
                palette="crimson",
                caption="Kit Adair and Hattie Quarrie during the band’s farewell show in 2016.",
                credit="Northlight Agency / Saoirse Vantongeren",
                size=BODY_IMAGE_SIZE,
            )
        ),
        subheading("The demand problem"),
        paragraph(
            "The Vesper Hall holds a little under 3,000 people, and demand is expected to be many"
            " times that. A promoter involved in the show, who asked not to be named because they"
            " were not authorised to speak, said the band had turned down offers from far larger"
            " venues. “They wanted to end where they ended. Money didn’t move them, which was"
            " annoying, and also quite moving.”"
        ),
        paragraph(
            "Fans hoping for new music may be disappointed. Asked about the possibility of a fourth"
            " album, Quarrie replied with a single word: “No.” Then, after a pause: “Probably.”"
        ),
    ),
)

ARTICLES = (FEUD_RUMOUR, REUNION_RUMOUR, NO_FEUD, REUNION_CONFIRMED)
