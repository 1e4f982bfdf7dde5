"""Readers on the Marsh–Calloway marriage and on Juno Vale’s ring."""

from __future__ import annotations

from byline.discussion.demo.specs import PROMPT, conversation, say

SPLIT_RUMOUR = conversation(
    "are-lena-marsh-and-rafe-calloway-heading-for-a-split",
    say(
        "marek",
        "Honestly? Partly. “Separate lives” is what sources say about every couple who work"
        " in different places. But three months is a long time.",
        on=PROMPT,
        up=3,
    ),
    say(
        "dev",
        "No. An unnamed source in the Lantern is a press release with extra steps. If someone"
        " close to them really said it, they would have said it to a paper with a name to lose.",
        say(
            "sal",
            "Exactly this. Ask who benefits from the story before asking whether it’s true. A"
            " rival show with a premiere next month, perhaps?",
            up=2,
        ),
        on=PROMPT,
        up=5,
    ),
    say(
        "arlo",
        "This line is doing a lot of work. “Everyone around them has noticed”, says one person,"
        " who apparently speaks for everyone around them. Nobody wants to say it, except to a"
        " tabloid.",
        on="Everyone around them has noticed. Nobody wants to be the one to say it.",
        up=2,
    ),
    say(
        "sal",
        "Let’s count. One anonymous source in the *Daily Lantern*. One photo at an airport. One"
        " missed birthday dinner while she was filming on the coast. That’s the whole case."
        " Meanwhile a friend says it’s “production season”. I know which I’d bet on.",
        say(
            "marek",
            "Three months without a single public appearance together isn’t nothing, Sal. You"
            " don’t have to believe the Lantern to think something’s off.",
            say(
                "sal",
                "Three months in which she was filming on location. If my partner worked"
                " eighteen-hour days in Saltmarsh Bay, nobody would photograph us together"
                " either. Mostly because nobody photographs us at all, but still.",
                up=4,
            ),
            up=1,
            down=3,
        ),
        up=9,
        down=1,
    ),
    say(
        "dev",
        "“Twice on set and once in a lasagne.” I need to know the lasagne story. Forget the"
        " marriage: who found the ring, and was it in their slice?",
        say(
            "arlo",
            "Speaking as someone who works in a kitchen: it’s always in the last slice. Always."
            " Nobody knows why. It’s one of the great mysteries of catering.",
            up=2,
        ),
        up=8,
    ),
    say(
        "jo",
        "This makes me a bit sad. Whatever is or isn’t going on, they’re real people, and the"
        " comment sections elsewhere are already picking sides. I hope they’re okay.",
        up=2,
    ),
    say(
        "tilly",
        "“She’s busy saving a harbour” is SUCH a Rafe answer. He’s always like this in"
        " interviews. That doesn’t sound like a man whose marriage is over, it sounds like a man"
        " who’s proud of his wife.",
        up=3,
    ),
    say(
        "rowan",
        "From experience: a long location shoot is brutal on relationships, but not in the way"
        " the tabloids mean. You’re just never home, and when you are you’re asleep. It doesn’t"
        " mean you’re splitting. It means you’re knackered.",
        up=4,
    ),
    say(
        "petra",
        "Note that the “friend” in *Marquee Weekly* and the “source” in the *Daily Lantern* are"
        " both anonymous. People in this thread are treating one as gospel and the other as spin"
        " depending on which ending they’d prefer.",
        say(
            "sal",
            "Fair point, and I’ll own it. But one of them is making an extraordinary claim and"
            " the other is saying there’s nothing to see. The claim is the one that needs"
            " evidence.",
            up=2,
        ),
        up=2,
    ),
    say(
        "yasmin",
        "She’s filming *Harbour Lights*! If you’ve read the book you know Nell Corrigan doesn’t"
        " wear a ring for the whole story. Of course it comes off on set.",
        up=2,
    ),
    say(
        "barnaby",
        "Two actors are busy. A man hasn’t posted for eleven days. A ring is missing from a"
        " photograph. This is the top of the celebrity section. I’m off to read about the new"
        " bin collection schedule, which at least affects me.",
        up=1,
        down=3,
    ),
)

RING_RUMOUR = conversation(
    "is-juno-vale-secretly-engaged",
    say(
        "hannah",
        "I was in the front rows at the Corvid the night before and it was NOT there. New ring,"
        " left hand, the hand that’s literally in the spotlight during the piano bit of"
        " “Harbourside”. She knew exactly what she was doing.",
        say(
            "petra",
            "She plays the piano part with both hands, Hannah. But I take the point about the"
            " spotlight, and about the ring not being there the night before.",
            say(
                "hannah",
                "Petra, I say this with love: let me have this. I have been waiting for this"
                " ring since the first Afterglow show.",
                up=3,
            ),
            up=1,
        ),
        up=7,
    ),
    say(
        "sal",
        "One anonymous source says engaged, one anonymous source says “she wears a lot of"
        " rings”. The honest story is that we don’t know yet. Credit to this site for printing"
        " both instead of picking the juicier one.",
        up=4,
    ),
    say(
        "barnaby",
        "A woman wore a ring. Stop the presses. Actually, don’t stop them: apparently this is"
        " exactly what the presses are for now.",
        up=1,
        down=2,
    ),
    say(
        "dev",
        "“I wouldn’t start buying hats just yet” is going to age either very well or very"
        " badly, and I am here for both outcomes.",
        up=5,
    ),
    say(
        "arlo",
        "Tried to book Ember & Salt for our anniversary this morning. Fully booked until the end"
        " of next month. Whatever the truth is, Ansel’s accountant is having a wonderful week.",
        up=3,
    ),
    say(
        "marek",
        "If you wanted to keep an engagement private, you wouldn’t wear the ring on stage in"
        " front of 14,000 phones. Either it’s not an engagement ring, or she wanted it found.",
        say(
            "jo",
            "Or she just wanted to wear her ring, like a normal person, and didn’t expect"
            " 14,000 people to zoom in on her fingers. Which, to be fair, they shouldn’t.",
            up=3,
        ),
        up=1,
        down=4,
    ),
    say(
        "tilly",
        "“JUNO. HAND. NOW.” was me. I wrote that caption. I have never been prouder of anything"
        " I’ve posted, and my mum has asked me to stop telling people.",
        up=4,
    ),
)

SOCIAL_MEDIA_SILENCE = conversation(
    "why-has-rafe-calloway-gone-silent-online",
    say(
        "dev",
        "A man deletes his social media and goes for walks with his dogs, and the internet"
        " treats it like a hostage video. Rafe, if you’re reading this (you’re not, you’ve"
        " logged off): good for you.",
        up=6,
    ),
    say(
        "marek",
        "Nobody deletes everything first thing in the morning on a whim. Something happened. A"
        " “digital detox” is what you call it afterwards.",
        say(
            "rowan",
            "People absolutely do. Half my colleagues have done it, usually first thing in the"
            " morning after a bad night of scrolling. The only difference is that nobody writes"
            " an article about my colleagues.",
            up=3,
        ),
        up=1,
        down=3,
    ),
    say(
        "sal",
        "Notice that the only named voice here is his representative. Everyone else is a"
        " “publicist who has worked with him in the past” or “a friend”. Two rumours, and not"
        " one person willing to stand behind either.",
        up=4,
    ),
    say(
        "olly",
        "If this is about *Night Shift 3* I am going to lose it. He IS Eli Vance. Nobody asked for"
        " a film about the younger members of the crew. Nobody.",
        say(
            "petra",
            "The article doesn’t say the silence is about *Night Shift* at all. It says fans are"
            " “connecting” the two. That’s a very different claim.",
            up=2,
        ),
        up=2,
    ),
    say(
        "jo",
        "“He’s been reading, cooking, walking the dogs. It’s honestly quite boring.” Honestly,"
        " that sounds lovely. I would quite like a week like that myself.",
        up=3,
    ),
    say(
        "tilly",
        "“Nearly there.” Lena’s caption is doing SO much work. Nearly there with the show? The"
        " marriage? The rumours? I need to know.",
        say(
            "yasmin",
            "Nearly there with the filming! The shoot in Saltmarsh Bay is due to wrap at the end"
            " of the month. Not everything is a coded message, Tilly.",
            up=3,
        ),
        up=1,
    ),
    say(
        "barnaby",
        "Headline: man stops posting. I look forward to “Why has Barnaby Cole not updated his"
        " allotment blog since March?” in next week’s edition.",
        up=2,
    ),
)

ENGAGEMENT_REPORTED = conversation(
    "juno-vale-and-ansel-moreau-engaged-two-outlets-report",
    say(
        "sal",
        "Two outlets, zero names, and they disagree about the wedding. That is “reported”, not"
        " “confirmed”, and I am glad this site is still calling it exactly that.",
        say(
            "hannah",
            "Sal, the person who works with her literally said “watch the last Portmere show”."
            " That is a confirmation wearing sunglasses.",
            up=4,
        ),
        up=6,
    ),
    say(
        "dev",
        "“He still burnt the dessert” is the most believable detail anyone has printed about a"
        " celebrity engagement. Nobody invents a burnt dessert to sell a story.",
        up=5,
    ),
    say(
        "barnaby",
        "I look forward to the next instalment, in which a third outlet reports that the first"
        " two outlets reported it. Journalism as an echo chamber with a status badge.",
        up=1,
        down=3,
    ),
)

ENGAGEMENT_CONFIRMED = conversation(
    "juno-vale-confirms-engagement-to-ansel-moreau",
    say(
        "hannah",
        "I WAS THERE. Block C, row 11. The scream when she held up her hand was louder than"
        " anything all night, including the pyro. Then Ansel with the tambourine, looking like a"
        " man who had been promised he’d “just stand at the side”. Best night of my life.",
        say(
            "tilly",
            "Hannah, I am so jealous I could scream. Did he actually get ANY of the beats? The"
            " videos are too shaky to tell.",
            say(
                "hannah",
                "He got the last one! The whole arena cheered. I’m counting it. Honestly he"
                " looked so happy that nobody cared about the other four minutes.",
                up=4,
            ),
            up=1,
        ),
        say(
            "fen",
            "Block C has the best sound in the Corvid, for the record. You picked the right"
            " night and the right seat.",
            up=1,
        ),
        up=11,
    ),
    say(
        "dev",
        "“Fine. Buy the hats.” The crew member is the best character in this entire saga. I"
        " want their memoir, and I want it read aloud by Casper Whitlow.",
        up=10,
    ),
    say(
        "fen",
        "A chef on tambourine, slightly off the beat, during a song called “Slow Fireworks”. If"
        " that isn’t on the album as a hidden track, Theo Brandt has no sense of humour.",
        say(
            "petra",
            "“Slow Fireworks” is also the title of the delayed album, so ending the night with it"
            " might be a hint that the record is close. Or just that it’s a good song to end"
            " on.",
            up=2,
        ),
        up=4,
    ),
    say(
        "sal",
        "Fair play to *Popwire*’s source, who had “somewhere quiet, just the two of them” right a"
        " week early. And fair play to the crew member who said “don’t buy hats” for admitting"
        " it. That’s what good sourcing looks like: specific, and honest when wrong.",
        up=3,
    ),
    say(
        "arlo",
        "We had dinner at Ember & Salt last spring and he came out to our table to apologise for"
        " a sauce he thought was slightly over-salted. It wasn’t. Nicest man in Portmere. If he"
        " cooks for the wedding, it’ll be the best food those guests ever eat.",
        say(
            "barnaby",
            "Fully booked for six weeks, apparently, so the rest of us will never find out."
            " Congratulations to them both, I suppose.",
            up=1,
        ),
        up=4,
    ),
    say(
        "marek",
        "Announcing an engagement on stage, mid-tour, with an album delayed. I’m sure it’s real,"
        " but let’s not pretend the timing isn’t useful.",
        say(
            "hannah",
            "> let’s not pretend the timing isn’t useful\n\nThe shows sold out MONTHS ago. She"
            " didn’t need a headline to fill the Corvid. She told us because we’d all been"
            " zooming in on her hands, which she literally said.",
            up=5,
        ),
        say(
            "jo",
            "Two people got engaged and told some of the people who care about them. Not"
            " everything is a strategy, Marek.",
            up=3,
        ),
        up=1,
        down=6,
    ),
    say(
        "maud",
        "How lovely. I confess I didn’t know who Juno Vale was until my granddaughter played me"
        " “Harbourside” in the car, and now I’m delighted for a pop star and a chef I’ve never"
        " met. That’s the magic of a happy story.",
        up=5,
    ),
    say(
        "jo",
        "“A very good dinner, obviously.” Imagine the pressure on a chef cooking his own"
        " proposal dinner. Getting the risotto wrong on the most important night of your life"
        " doesn’t bear thinking about.",
        up=2,
    ),
    say(
        "tilly",
        "14,000 people heard it first and I heard it from a blurry video at 2am. Still cried."
        " Congratulations Juno and Ansel, you deserve all the happiness (and a better tambourine"
        " teacher).",
        up=2,
    ),
    say(
        "cass",
        "Can we get Ansel on *After Hours*? Casper Whitlow interviewing a chef about his"
        " tambourine technique is exactly the television this country needs, whether it’s on"
        " four nights a week or one.",
        up=3,
    ),
    say(
        "barnaby",
        "The rumour was right, so I suppose the anonymous sources win this one. Doesn’t change"
        " my view that “is she secretly engaged?” wasn’t news. It was a ring.",
        say(
            "sal",
            "Agreed on the news value. But the first piece printed both the claim and the doubt,"
            " and the doubter has now publicly conceded. That’s about as good as rumour coverage"
            " gets.",
            up=1,
        ),
        up=1,
        down=2,
    ),
)

SPLIT_DENIED = conversation(
    "lena-marsh-and-rafe-calloway-shut-down-split-rumours",
    say(
        "sal",
        "Remember this the next time the *Daily Lantern* builds a story on one unnamed “source"
        " close to the couple”. Two weeks of headlines, a ring that was in a dressing room, and"
        " a marriage that was fine all along. “We stand by our reporting” is doing a lot of"
        " work there.",
        say(
            "marek",
            "Or the statement is damage control and they’ll quietly split in six months when"
            " nobody’s looking. Couples who are fine don’t need a joint statement written at a"
            " party.",
            say(
                "sal",
                "> Couples who are fine don’t need a joint statement\n\nThey do when a tabloid"
                " has told the whole country they aren’t. What else were they supposed to do,"
                " stay silent and let it run for another fortnight?",
                up=5,
            ),
            say(
                "jo",
                "Her mum rang her in tears. I think that’s your answer as to why they said"
                " something, Marek. Not everything is damage control.",
                up=3,
            ),
            up=1,
            down=5,
        ),
        say(
            "petra",
            "Small thing, but the Lantern’s source never said they had split, only that they"
            " were “leading separate lives”. Which is vague enough to be true of anyone who"
            " works away from home. That’s the trick with these stories.",
            up=4,
        ),
        up=10,
        down=1,
    ),
    say(
        "dev",
        "“Thank you to everyone who sent kind words, and to everyone who didn’t: we forgive"
        " you.” Framing this and hanging it in my hallway. Best celebrity statement in years.",
        up=9,
    ),
    say(
        "jo",
        "The bit about Lena’s mum ringing her in tears is what gets me. We read these stories as"
        " a bit of fun, and there’s a real family at the other end watching strangers debate"
        " their marriage. I’ll admit I clicked on every one of them.",
        say(
            "barnaby",
            "Honestly, same. Says something about all of us that the rumour got a fortnight of"
            " coverage and “we’re fine” gets a single article.",
            up=2,
        ),
        up=6,
    ),
    say(
        "petra",
        "They married in 2017, so that’s seven years of people predicting the end of it. (I"
        " first typed 2016 here, so whatever got into the original version of this article is"
        " clearly catching.)",
        draft="They married in 2016, so that’s eight years of people predicting the end of it.",
        up=3,
    ),
    say(
        "marek",
        "Hand in hand, front door, pausing for the photographers on the way out. That isn’t a"
        " couple leaving a party, that’s a couple performing “couple leaving a party”. Timed for"
        " the renewal, too. Call me cynical.",
        say(
            "rowan",
            "I work in TV. Nothing about a launch party is “timed”: the streamer sets the date"
            " months out and the cast turn up. She was always going to be there. The only"
            " question was whether he would be.",
            up=4,
        ),
        say(
            "dev",
            "Calling you cynical, as requested. Next you’ll tell us the greyhounds are hired"
            " from an agency with a very reasonable day rate.",
            say(
                "marek",
                "Have you seen the greyhounds and Rafe in the same photo since the rumours"
                " started? No. Exactly. I rest my case, and I’ll keep resting it.",
                up=2,
                down=1,
            ),
            up=3,
        ),
        up=1,
        down=6,
    ),
    say(
        "arlo",
        "Sorry, but if my mum rang me in tears over a tabloid story I’d be embarrassed, not"
        " “exhausted”. They chose fame. Maybe stop giving the papers pictures of ring-free hands"
        " at airports and the papers will stop writing about them.",
        say(
            "jo",
            "Nobody “gave” anyone a picture: someone photographed her at an airport. And I’d"
            " hope anyone’s mum would be upset to read that her daughter’s marriage was over."
            " Bit harsh.",
            up=3,
        ),
        say(
            "sunita",
            "“They chose fame” excuses a lot of cruelty. She chose acting. Nobody chooses"
            " strangers zooming in on their fingers at an airport.",
            up=4,
        ),
        deleted=True,
        up=0,
        down=4,
    ),
    say(
        "ines",
        "I was at the Vesper Hall last night (working the cloakroom, not as a guest, sadly). They"
        " stayed until after midnight and looked very much like two people who like each other."
        " He held her coat while she said goodbye to about forty people.",
        say(
            "sal",
            "An eyewitness with a specific, checkable detail! That’s more than the Lantern"
            " managed in two weeks. Thank you.",
            up=2,
        ),
        say(
            "marek",
            "How convenient that the cloakroom attendant had such a good view. No offence, but"
            " anyone can say they worked there.",
            say(
                "ines",
                "None taken. I’m not asking you to believe me, just describing a coat. It was"
                " green, if that helps. The coat, not the marriage.",
                up=6,
            ),
            down=3,
        ),
        up=5,
    ),
    say(
        "yasmin",
        "The ring explanation makes total sense if you’ve read the book. Nell Corrigan is"
        " famously, stubbornly single for the whole novel; the village never stops going on"
        " about it. Of course Lena takes her ring off on set.",
        up=2,
    ),
    say(
        "olly",
        "And buried at the bottom: Rafe is “thrilled” to be back for *Night Shift 3*. So the"
        " silence online, the split rumours AND the exit rumours all came to nothing. The"
        " petition people are owed an apology by about six newspapers.",
        up=3,
    ),
    say(
        "tilly",
        "THEY DANCED TO THE LAST SONG. I’m not crying, you’re crying. Seven years in and still"
        " the last ones on the dance floor is honestly the goal.",
        up=4,
    ),
    say(
        "barnaby",
        "Two weeks of coverage about two actors being busy. Meanwhile the council has closed"
        " Portmere library on Saturdays and I’ve yet to see a single pull quote about it. Carry"
        " on, everyone.",
        say(
            "dev",
            "Barnaby, we love that you turn up under every celebrity story to tell us you don’t"
            " read celebrity stories. Never change.",
            say(
                "barnaby",
                "Someone has to keep the comment section honest. Also, the library thing is"
                " true, and you should all write to the council about it.",
                up=2,
            ),
            up=4,
        ),
        up=1,
        down=2,
    ),
    say(
        "rowan",
        "What strikes me is how un-lawyered the statement is. Normally you’d get “our clients are"
        " disappointed by inaccurate reporting” and a hint of legal action. This reads like two"
        " people with a phone and a glass of something. Which, per the article, it probably"
        " was.",
        up=2,
    ),
    say(
        "cass",
        "“A party is a party” is the most anonymous-source sentence ever spoken. It commits to"
        " nothing and somehow still manages to sound smug about it.",
        up=4,
    ),
    say(
        "fen",
        "Is nobody going to mention that the “friend of the couple” has now given quotes to"
        " *Marquee Weekly* and to this site? That friend should be on a retainer, or at least"
        " get a thank-you in the statement.",
        up=2,
    ),
    say(
        "hannah",
        "This whole thing reminds me of the Juno ring saga. A zoomed-in photo, a week of"
        " nonsense, then the truth turns out to be simpler than anyone’s theory. Only"
        " difference: that time the rumour was actually right!",
        say(
            "petra",
            "The other difference is that Juno’s team *confirmed* it. Here the “ring evidence”"
            " was an actor taking her ring off for a role. Two rings, two opposite endings, the"
            " same week of zoomed-in photos.",
            up=2,
        ),
        up=1,
    ),
    say(
        "maud",
        "I’ve read celebrity news since the days of the old *Portmere Courier* gossip column, and"
        " the pattern never changes: the rumour gets the front page and the denial gets page"
        " nine. Credit to this site for giving the denial the same prominence.",
        up=3,
    ),
    say(
        "gus",
        "Not to be the film person, but if anyone ever adapts this saga, the ending where they"
        " simply walk out of the front door together beats any dramatic confrontation a"
        " screenwriter would dream up.",
        up=1,
    ),
    say(
        "sunita",
        "Can we talk about how “eagle-eyed followers” comparing airport photos is stalking with"
        " extra steps? I’m glad she had an explanation, but she shouldn’t have needed one.",
        up=5,
    ),
    say(
        "bea",
        "I’ll bet anyone a fiver the Lantern runs “sources say the party was tense” by Friday."
        " They never admit a miss, they just move the goalposts to the next event.",
        say(
            "sal",
            "Not a bet I’ll take. Their original piece is still up, with one new line at the"
            " bottom saying they stand by it. See for yourself:"
            " [dailylantern.example](https://dailylantern.example/showbiz/marsh-calloway-separate-lives).",
            up=1,
        ),
        up=2,
    ),
    say(
        "dev",
        "Rafe’s first post when he comes back online has to be the greyhounds in matching"
        " tuxedos. I will accept nothing less, and neither will the greyhounds.",
        say(
            "olly",
            "If the first post isn’t Eli Vance’s good suit on a greyhound, I’m starting another"
            " petition. I have the experience now.",
            up=2,
        ),
        up=3,
    ),
    say(
        "jo",
        "A genuinely lovely ending. Whatever you think of celebrity news, “the couple are fine"
        " and everyone overreacted” is the nicest way one of these stories can finish.",
    ),
)

CONVERSATIONS = (
    SPLIT_RUMOUR,
    RING_RUMOUR,
    SOCIAL_MEDIA_SILENCE,
    ENGAGEMENT_REPORTED,
    ENGAGEMENT_CONFIRMED,
    SPLIT_DENIED,
)
