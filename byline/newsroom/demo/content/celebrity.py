"""Celebrity: a marriage under the microscope, and an engagement that turned out to be true."""

from __future__ import annotations

from byline.newsroom.demo.specs import (
    BODY_IMAGE_SIZE,
    ArticleSpec,
    CorrectionSpec,
    fact_box,
    inline_prompt,
    paragraph,
    photo,
    picture,
    pull_quote,
    subheading,
)

SPLIT_RUMOUR = ArticleSpec(
    slug="are-lena-marsh-and-rafe-calloway-heading-for-a-split",
    section="celebrity",
    title="Are Lena Marsh and Rafe Calloway heading for a split?",
    standfirst=(
        "The couple have not been seen together in public for almost three months, and sources"
        " close to them say the distance is more than geographical."
    ),
    hero=photo(
        "Lena Marsh and Rafe Calloway at the Night Shift 2 premiere",
        scene="red_carpet",
        seed=11,
        figures=2,
        palette="crimson",
        caption="Lena Marsh and Rafe Calloway at the Night Shift 2 premiere in Portmere in 2022.",
        credit="Northlight Agency / Mara Quell",
    ),
    authors=("priya-castellane",),
    topics=("celebrity-couples",),
    people=("lena-marsh", "rafe-calloway"),
    hours_ago=223,
    body=(
        paragraph(
            "Lena Marsh and Rafe Calloway have weathered seven years of marriage, two film"
            " franchises and more than a few headlines. But the couple, once the most photographed"
            " pair on any red carpet in Portmere, have not been seen together in public for almost"
            " three months, and the silence is starting to speak for itself."
        ),
        inline_prompt(
            "According to a source who spoke to the *Daily Lantern*, the pair have been “leading"
            " separate lives for months”. Marsh has spent most of the year on location in"
            " Saltmarsh Bay, where she is filming the Lumen+ drama *Harbour Lights*, while Calloway"
            " has stayed in the city. “They haven’t spent more than a weekend together in"
            " months,” the source claimed. “Everyone around them has noticed. Nobody wants to be"
            " the one to say it.”",
            passage="the pair have been “leading separate lives for months”",
            question="Do you believe the Daily Lantern’s source?",
        ),
        subheading("What the sources say"),
        paragraph(
            "Not everybody agrees. A friend of the couple told *Marquee Weekly* that the reports"
            " were “wildly overblown” and that long stretches apart were nothing new for two actors"
            " with busy schedules. “Lena is working eighteen-hour days on a show she cares about"
            " enormously. Rafe is reading scripts and looking after the dogs. That is not a"
            " marriage in crisis, that is a marriage in production season.”"
        ),
        pull_quote(
            "They haven’t spent more than a weekend together in months. Everyone around them"
            " has noticed.",
            "A source, speaking to the Daily Lantern",
        ),
        paragraph(
            "Still, fans were quick to notice that Calloway was absent from Marsh’s birthday dinner"
            " last month, an evening she marked with castmates at a seafood restaurant near the"
            " set. Photographs from the night show Marsh in high spirits, and without her husband."
        ),
        paragraph(
            "Calloway’s own diary offers few clues. The actor has no film in production, and"
            " his last public engagement was a charity screening in Portmere some weeks"
            " ago, which he attended alone. Asked on the red carpet that night whether"
            " his wife would be joining him, he smiled and said only: “She’s busy saving a"
            " harbour.”"
        ),
        subheading("A missing ring"),
        paragraph(
            "The speculation intensified this week when Marsh was photographed at Portmere airport"
            " apparently without her wedding ring. Eagle-eyed followers compared the pictures with"
            " shots from the same terminal a few months earlier, in which the ring is clearly visible."
            " Others noted that it has gone missing before: in a television interview last year,"
            " Marsh joked that she had lost it “twice on set and once in a lasagne”."
        ),
        picture(
            photo(
                "Lena Marsh at a Lumen+ screening",
                scene="red_carpet",
                seed=12,
                palette="violet",
                caption="Marsh arriving alone at a Lumen+ screening in Portmere last month.",
                credit="Kestrel Images / Idris Penhallow",
                size=BODY_IMAGE_SIZE,
            )
        ),
        paragraph(
            "A person who has worked with Marsh cautioned against reading too much into it. “She"
            " takes it off on set, every single day, because her character isn’t married,” they"
            " said. “Half the time she forgets to put it back on.”"
        ),
        subheading("What happens next"),
        paragraph(
            "Representatives for both actors declined to comment when contacted by The Byline"
            " Review. Calloway, usually a prolific poster, has not shared anything on social media"
            " for eleven days."
        ),
        paragraph(
            "Those who know the couple point out that they have been here before. During the"
            " filming of the first *Night Shift*, a similar report claimed the pair had"
            " “quietly separated”; weeks later they were photographed laughing together on a"
            " beach in Calderport. “They are both private people in a very public job,” the"
            " friend told *Marquee Weekly*. “Every time they stop posting, someone writes"
            " their obituary.”"
        ),
        paragraph(
            "The couple are expected to be seen together, or not, at the Lumen+ season launch later"
            " this month, where *Harbour Lights* will be presented to the press for the first time."
            " For now, the only thing anyone can say for certain is that both of them are very"
            " busy."
        ),
    ),
)

RING_RUMOUR = ArticleSpec(
    slug="is-juno-vale-secretly-engaged",
    section="celebrity",
    title="Is Juno Vale secretly engaged?",
    standfirst=(
        "A glimpse of a new ring during a sold-out show has fans convinced that the pop star and"
        " the chef Ansel Moreau are planning a wedding."
    ),
    hero=photo(
        "Juno Vale on the Afterglow Tour",
        scene="stage",
        seed=21,
        palette="magenta",
        caption="Juno Vale performing on the Afterglow Tour at the Corvid Arena in Portmere.",
        credit="Meridian Press Photos / Noor Castellan",
    ),
    authors=("priya-castellane",),
    topics=("celebrity-couples",),
    people=("juno-vale", "ansel-moreau"),
    hours_ago=156,
    body=(
        paragraph(
            "It was on the ninth song of the night, during the slow, piano-led version of"
            " “Harbourside” that closes the first half of her set, that fans in the front rows at"
            " the Corvid Arena first noticed it: a ring on Juno Vale’s left hand that had not been"
            " there the week before."
        ),
        paragraph(
            "Within minutes, zoomed-in clips had spread across fan accounts, with one caption"
            " summing up the mood: “JUNO. HAND. NOW.” By the next morning the singer’s name was the"
            " most searched term in Portmere."
        ),
        subheading("A ring and a restaurant"),
        paragraph(
            "Vale has been dating the chef Ansel Moreau, owner of the restaurant Ember & Salt, for a"
            " little over two years. The pair rarely speak about their relationship, though Moreau"
            " has been spotted at the side of the stage at several shows on the Afterglow Tour."
        ),
        paragraph(
            "A source close to the singer told the music site *Popwire* that the couple had “been"
            " talking about the future for a long time” and that Moreau proposed “somewhere quiet,"
            " just the two of them”. The same source said the pair wanted to keep the news private"
            " until the tour ends."
        ),
        paragraph(
            "A second source, a member of the tour crew who asked not to be named, was more"
            " cautious. “She wears a lot of rings. She changes them every night,” they said. “I"
            " wouldn’t start buying hats just yet.”"
        ),
        subheading("No comment, for now"),
        paragraph(
            "Vale’s spokesperson said the singer “does not comment on her personal life”, and"
            " Moreau’s restaurant did not respond to a request for comment. Ember & Salt was,"
            " however, fully booked for the next six weeks by the following afternoon, which a"
            " member of staff described as “unusual, even for us”."
        ),
        paragraph(
            "Vale plays three more nights at the Corvid Arena before the tour moves on. If the ring"
            " is what fans think it is, the people in the front rows will be the first to know."
        ),
    ),
)

SOCIAL_MEDIA_SILENCE = ArticleSpec(
    slug="why-has-rafe-calloway-gone-silent-online",
    section="celebrity",
    title="Why has Rafe Calloway gone silent online?",
    standfirst=(
        "The actor has wiped his social media accounts, and fans are connecting the move to two"
        " rumours at once."
    ),
    hero=photo(
        "Rafe Calloway at a Night Shift 2 photo call",
        scene="studio",
        seed=31,
        palette="teal",
        caption="Rafe Calloway at a photo call for Night Shift 2 in 2022.",
        credit="Halcyon Wire / Felix Amberley",
    ),
    authors=("priya-castellane",),
    topics=("celebrity-couples", "casting"),
    people=("rafe-calloway", "lena-marsh"),
    hours_ago=96,
    body=(
        paragraph(
            "For most of the last decade, Rafe Calloway has been one of the most enthusiastic"
            " posters among Portmere’s acting set: gym selfies, his two rescue greyhounds,"
            " behind-the-scenes clips from the *Night Shift* films and the occasional terrible pun."
        ),
        paragraph(
            "Then, early this week, all of it disappeared. Calloway’s accounts now show a blank"
            " profile picture and no posts at all, and his follower count has dipped by several"
            " thousand since the weekend."
        ),
        subheading("Two rumours, one silence"),
        paragraph(
            "The timing has not gone unnoticed. Calloway’s wife, the actor Lena Marsh, has been the"
            " subject of split rumours for almost a week, after a source told the *Daily Lantern*"
            " that the couple were “leading separate lives”. At the same time, reports in the trade"
            " press suggest that Calloway may not return for *Night Shift 3*, the next film in the"
            " heist series that made him famous."
        ),
        paragraph(
            "“People are joining dots that may not be connected,” a publicist who has worked with"
            " Calloway in the past told The Byline Review. “But when you delete everything first"
            " thing in the morning with no explanation, you are inviting people to draw the picture"
            " for you.”"
        ),
        subheading("‘A digital detox’"),
        paragraph(
            "Calloway’s representative said the actor was “taking a break from social media to"
            " focus on his family and his work”, and described the move as “a digital detox,"
            " nothing more”. The statement did not address either rumour directly."
        ),
        paragraph(
            "A friend of the actor told *Marquee Weekly* that Calloway had been talking about"
            " logging off “for ages”. “He says it makes him anxious and it makes him worse at his"
            " job,” the friend said. “He’s been reading, cooking, walking the dogs. It’s honestly"
            " quite boring.”"
        ),
        paragraph(
            "Marsh’s own accounts remain active, though she has not posted about her husband for"
            " weeks. Her most recent post is a photograph of the *Harbour Lights* cast at the"
            " end of a night shoot, captioned simply: “Nearly there.”"
        ),
    ),
)

ENGAGEMENT_REPORTED = ArticleSpec(
    slug="juno-vale-and-ansel-moreau-engaged-two-outlets-report",
    section="celebrity",
    title="Juno Vale and Ansel Moreau are engaged, two outlets now report",
    standfirst=(
        "Popwire and Marquee Weekly both say the singer and the chef got engaged before the"
        " Afterglow Tour began; her team still will not comment."
    ),
    hero=photo(
        "Ember & Salt on a Friday night",
        scene="city_night",
        seed=36,
        palette="sodium",
        caption="Ember & Salt, Ansel Moreau’s restaurant in Portmere’s harbour district.",
        credit="Halcyon Wire / Ravi Okonjo-Hale",
    ),
    authors=("priya-castellane",),
    topics=("celebrity-couples",),
    people=("juno-vale", "ansel-moreau"),
    hours_ago=104,
    body=(
        paragraph(
            "The ring on Juno Vale’s left hand is an engagement ring, according to two outlets"
            " that have spoken to people close to the couple. The singer and the chef Ansel Moreau"
            " got engaged in the spring, weeks before the Afterglow Tour opened, both say."
        ),
        paragraph(
            "A source close to Moreau tells *Marquee Weekly* that he proposed at the end of a"
            " dinner he had cooked himself, at a table he had set up on the roof of Ember & Salt."
            " “He had been planning it for months and he still burnt the dessert,” the source said."
        ),
        subheading("What the two reports say"),
        paragraph(
            "*Popwire*, which first reported that the couple had been “talking about the future”,"
            " now says that a small family celebration took place in Calderport in May. Its"
            " report cites two people who were there, neither of whom is named."
        ),
        paragraph(
            "The two accounts agree on the timing and on the couple’s wish to say nothing until the"
            " tour ends. They differ on the wedding: *Marquee Weekly* reportedly hears of a date next"
            " summer, while *Popwire* says no plans have been made at all."
        ),
        paragraph(
            "The ring itself, a plain gold band with a single dark stone, was made by a jeweller in"
            " Calderport, according to *Popwire*, which says Moreau commissioned it last winter."
            " The jeweller declined to discuss any client."
        ),
        paragraph(
            "The Byline Review has not been able to confirm either report independently. A person"
            " who works with Vale, asked about the engagement on Thursday, said only: “Watch the"
            " last Portmere show.”"
        ),
        subheading("Still no comment"),
        paragraph(
            "Vale’s spokesperson repeated that the singer “does not comment on her personal life”."
            " Moreau, leaving his restaurant on Wednesday night, smiled at a photographer and said"
            " he had “a kitchen to run”."
        ),
        paragraph(
            "The tour plays three more nights at the Corvid Arena. Fans who have tickets for the"
            " last of them have been told, by a great many people online, to bring tissues."
        ),
    ),
)

ENGAGEMENT_CONFIRMED = ArticleSpec(
    slug="juno-vale-confirms-engagement-to-ansel-moreau",
    section="celebrity",
    title="Juno Vale confirms engagement to chef Ansel Moreau on stage",
    standfirst=(
        "A week after fans spotted a ring, the singer told a sold-out arena that she is getting"
        " married, and brought her fiancé out to prove it."
    ),
    hero=photo(
        "Juno Vale at the Corvid Arena after the announcement",
        scene="concert",
        seed=41,
        figures=2,
        palette="gold",
        caption="Juno Vale on stage at the Corvid Arena, moments after the announcement.",
        credit="Meridian Press Photos / Noor Castellan",
    ),
    authors=("priya-castellane", "odile-fenwick"),
    topics=("celebrity-couples", "tours"),
    people=("juno-vale", "ansel-moreau"),
    hours_ago=53,
    body=(
        paragraph(
            "The rumours were true. Juno Vale has confirmed that she is engaged to the chef Ansel"
            " Moreau, announcing the news from the stage of the Corvid Arena in front of 14,000"
            " fans on the final Portmere night of her Afterglow Tour."
        ),
        paragraph(
            "“Some of you have been looking very closely at my hands,” Vale told the crowd before"
            " the encore, holding up her left hand to a roar. “So I thought you should hear it from"
            " me. I said yes.”"
        ),
        pull_quote(
            "Some of you have been looking very closely at my hands. So I thought you should hear"
            " it from me.",
            "Juno Vale, on stage at the Corvid Arena",
        ),
        paragraph(
            "Moreau, who usually watches from the side of the stage, then walked out to join her,"
            " visibly embarrassed, and was handed a tambourine for the last song. Fans filmed him"
            " playing it, gamely and slightly off the beat, for all four minutes of “Slow"
            " Fireworks”."
        ),
        subheading("‘Somewhere quiet’"),
        paragraph(
            "The couple, who have been together for just over two years, got engaged some"
            " weeks ago, according to a member of Vale’s team. Last week a source told *Popwire* that"
            " Moreau proposed “somewhere quiet, just the two of them”, which the team member"
            " confirmed, adding only that it involved “a very good dinner, obviously”."
        ),
        paragraph(
            "Vale’s spokesperson, who had previously declined to comment on the singer’s personal"
            " life, released a short statement after the show: “Juno and Ansel are very happy and"
            " grateful for all the kind messages. They have no wedding plans to share yet and ask"
            " for privacy while they enjoy the moment.”"
        ),
        subheading("Back to work"),
        paragraph(
            "The announcement caps a turbulent fortnight for Vale, whose long-awaited fourth album"
            " has reportedly been delayed amid rumours of a falling-out with her producer, Theo"
            " Brandt. Brandt denied any feud in an interview this week, saying the record was"
            " simply late."
        ),
        paragraph(
            "The Afterglow Tour moves on to Calderport later this week. The member of the crew who"
            " had warned fans not to “start buying hats” sent The Byline Review a one-line message"
            " the morning after the show: “Fine. Buy the hats.”"
        ),
    ),
)

SPLIT_DENIED = ArticleSpec(
    slug="lena-marsh-and-rafe-calloway-shut-down-split-rumours",
    section="celebrity",
    title="Lena Marsh and Rafe Calloway shut down split rumours: ‘We’re fine, we’re just busy’",
    standfirst=(
        "The couple appeared together for the first time in three months and issued a joint"
        " statement denying reports that their marriage is over."
    ),
    hero=photo(
        "Lena Marsh and Rafe Calloway at the Lumen+ party",
        scene="red_carpet",
        seed=51,
        figures=2,
        palette="gold",
        caption=(
            "Lena Marsh and Rafe Calloway arrive at the Lumen+ party for Harbour Lights at the"
            " Vesper Hall last night."
        ),
        credit="Northlight Agency / Mara Quell",
    ),
    authors=("priya-castellane",),
    topics=("celebrity-couples",),
    people=("lena-marsh", "rafe-calloway"),
    hours_ago=4.5,
    updated_hours_after_publishing=2,
    corrections=(
        CorrectionSpec(
            2,
            "An earlier version of this article said the couple married in 2016."
            " They married in 2017.",
        ),
    ),
    body=(
        paragraph(
            "After almost two weeks of headlines, Lena Marsh and Rafe Calloway have answered the"
            " question everyone was asking, and they did it together."
        ),
        paragraph(
            "The couple, who married in 2017, arrived hand in hand at the Vesper Hall in Portmere"
            " last night for the Lumen+ party celebrating the renewal of *Harbour Lights*, Marsh’s"
            " new series. It was their first public appearance together in almost three months. Guests said"
            " the pair stayed until after midnight and left through the front door, pausing for"
            " photographers on the way out."
        ),
        paragraph(
            "Shortly afterwards, their representatives released a joint statement. “We have read a"
            " lot about our marriage recently, most of it news to us,” it said. “We’re fine. We’re"
            " just busy. Lena has been making a show she loves a long way from home, and Rafe has"
            " been holding the fort. Thank you to everyone who sent kind words, and to everyone who"
            " didn’t: we forgive you.”"
        ),
        paragraph(
            "The statement was notable for what it did not contain: no mention of the *Daily"
            " Lantern*, no threat of legal action and none of the careful wording that usually"
            " accompanies a celebrity denial. A publicist who has represented several of"
            " Marsh’s co-stars called it “the most relaxed statement I have read in years”."
            " “It reads like they wrote it themselves, at the party, which I suspect they"
            " did.”"
        ),
        subheading("Where the rumours came from"),
        paragraph(
            "The speculation began when a source told the *Daily Lantern* that the pair had been"
            " “leading separate lives for months”. It gathered pace when Marsh was photographed"
            " without her wedding ring, and again when Calloway deleted his social media accounts."
        ),
        paragraph(
            "A friend of the couple, who had previously described the reports as “wildly"
            " overblown”, told The Byline Review this morning that the last fortnight had been"
            " “exhausting for both of them”. “They laughed about it at first. Then Lena’s mum rang"
            " her in tears, and it stopped being funny.”"
        ),
        fact_box(
            "How the story unfolded",
            "The report: a source told the Daily Lantern the couple were “leading separate lives”.",
            "The ring: Marsh removes it on set because her character is unmarried, her team says.",
            "The silence: Calloway called his break from social media “a digital detox”.",
            "The answer: a joint statement says the marriage is “fine”.",
        ),
        subheading("The ring, explained"),
        paragraph(
            "Marsh was wearing her wedding ring last night. A member of her team confirmed what a"
            " colleague had suggested at the height of the rumours: she takes it off every day on"
            " set, because her *Harbour Lights* character is not married, and had simply forgotten"
            " to put it back on before a flight."
        ),
        paragraph(
            "Not everyone was ready to let the story go. The *Daily Lantern* said it “stood by its"
            " reporting”, and its original source, contacted again, would say only that “a party"
            " is a party”. Guests who watched the couple dance to the last song of the night were"
            " less sceptical."
        ),
        subheading("Update"),
        paragraph(
            "After this article was first published, Calloway’s publicist added that the actor is"
            " “thrilled” to be returning for *Night Shift 3*, which Bellwether Pictures confirmed"
            " this week, and that the couple will attend its premiere “together, obviously”."
        ),
    ),
)

ARTICLES = (
    SPLIT_RUMOUR,
    RING_RUMOUR,
    SOCIAL_MEDIA_SILENCE,
    ENGAGEMENT_REPORTED,
    ENGAGEMENT_CONFIRMED,
    SPLIT_DENIED,
)
