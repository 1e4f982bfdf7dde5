"""Readers on The Salt Orchard, Delphine Arceneaux and Night Shift 3."""

from __future__ import annotations

from byline.discussion.demo.specs import conversation, say

FILM_TO_BEAT = conversation(
    "is-the-salt-orchard-the-film-to-beat",
    say(
        "gus",
        "Saw it at the hastily added third screening. The final shot is everything people say:"
        " she walks between the trees for what feels like five minutes and nobody in the room"
        " moved. Two hours forty, and I’d have stayed for another hour.",
        say(
            "barnaby",
            "Two hours and forty minutes. About an orchard. I’ll wait until it’s on the telly,"
            " where I can pause it to make a sandwich.",
            up=1,
            down=2,
        ),
        up=5,
    ),
    say(
        "maud",
        "Delphine Arceneaux in a leading role again, at last. I’ve waited more than a decade for"
        " someone to give her a part worthy of her. Thank you, Marisol Ferrante.",
        up=4,
    ),
    say(
        "sal",
        "“An awards strategist who works for a rival studio” praising the film is either very"
        " generous, or the first move in making it the frontrunner early so that it peaks too"
        " soon. Awards campaigns are a strange sport.",
        up=2,
    ),
    say(
        "ines",
        "A film about a coast slowly being claimed by the sea hits differently when you live in"
        " Calderport and the promenade floods every spring. I’ll be there on the first night,"
        " tissues ready.",
        up=1,
    ),
)

EXIT_RUMOUR = conversation(
    "is-rafe-calloway-walking-away-from-night-shift",
    say(
        "olly",
        "Signed the petition. “No Rafe, no Night Shift” isn’t a slogan, it’s a fact. Eli Vance IS"
        " the series. The younger crew are fine, but nobody went to see *Night Shift 2* for the"
        " safecracker’s apprentice.",
        up=6,
    ),
    say(
        "gus",
        "If the script has him in a van for most of the film, I’d walk away too. The best scenes"
        " in the first two are him in a room, with a safe, talking too much. Put him in a room.",
        say(
            "olly",
            "Exactly. The van is a crime. Possibly the only crime in the whole series that isn’t"
            " fun to watch. Free Eli Vance.",
            up=2,
        ),
        up=5,
    ),
    say(
        "sal",
        "“Two people familiar with the talks” is doing some heavy lifting. Salary negotiations"
        " stall in every franchise. I’ll wait for someone to put their name to this.",
        up=2,
    ),
    say(
        "rowan",
        "The producer’s quote is spot on. Third films are where actors get leverage, and the"
        " studio leaks “exploring options” to claw some of it back. It’s a negotiation being"
        " conducted in the trade press.",
        up=3,
    ),
    say(
        "marek",
        "“A year off to spend time at home”, after months of rumours that he and Lena are living"
        " apart. Read that however you like.",
        say(
            "jo",
            "I read it as a man who wants to be at home with his wife. Which is the opposite of"
            " what you’re suggesting, Marek.",
            up=3,
        ),
        up=0,
        down=3,
    ),
)

LIFETIME_HONOUR = conversation(
    "delphine-arceneaux-to-receive-aurelia-lifetime-honour",
    say(
        "maud",
        "I saw Delphine Arceneaux at the old Portmere Rep in my twenties and I still remember the"
        " way she held a silence. “I would like it noted that I have not” stopped. Noted, madam."
        " Long may you not stop.",
        say(
            "jo",
            "What a lovely memory. My mum used to talk about seeing her at the Rep too. Half of"
            " Portmere must have a Delphine story.",
            up=2,
        ),
        up=7,
    ),
    say(
        "gus",
        "Four nominations, no win, and now a lifetime honour in the same year that she’s the"
        " favourite for best actress. If she wins both on one night, the ceremony might actually"
        " be worth sitting through.",
        say(
            "barnaby",
            "Nothing makes that ceremony worth sitting through. But “something I can sit down"
            " in” is the wisest thing anyone has ever said about it.",
            up=3,
        ),
        up=4,
    ),
    say(
        "sal",
        "The “rival awards consultant” calling the timing “a gift” is itself a bit of a gift,"
        " isn’t it? An anonymous rival quietly undermining a competitor’s campaign. I’d take"
        " that one with a pinch of salt.",
        up=2,
    ),
    say(
        "dev",
        "“Arriving early, knowing the lines and leaving before the speeches.” This is also my"
        " approach to weddings, and I recommend it to everyone.",
        up=4,
    ),
    say(
        "petra",
        "To save people arguing elsewhere: she’s 78, made her stage debut at seventeen and her"
        " first film a decade later. So “five decades” on screen is right, and six is right if"
        " you count the stage.",
        up=1,
    ),
)

RETURN_CONFIRMED = conversation(
    "bellwether-confirms-rafe-calloway-returns-for-night-shift-3",
    say(
        "olly",
        "I signed that petition at 1am on a Tuesday and I’d do it again. “Closing the petition"
        " and going outside” is the healthiest thing anyone has ever said about this"
        " franchise.",
        say(
            "dev",
            "The petition organiser going outside is the real happy ending here. Eli Vance would"
            " be proud of her.",
            up=3,
        ),
        up=8,
    ),
    say(
        "gus",
        "Anouk Verhaegen is an inspired choice. *Cold Storage* did more with one freezer and"
        " three actors than most heist films manage with a casino. “Smaller, meaner and"
        " funnier” is exactly what this series needs after the bloated second one.",
        say(
            "olly",
            "Bloated?? The train sequence in *Night Shift 2* is a masterpiece of the genre and"
            " I won’t hear a word said against it.",
            say(
                "gus",
                "The train sequence is great. The forty minutes either side of it are the bloat."
                " We can both be right, Olly.",
                up=2,
            ),
            up=1,
        ),
        up=5,
    ),
    say(
        "sal",
        "So the sticking points were resolved “once everyone stopped talking to journalists”."
        " Said by a person familiar with the negotiations. To a journalist. About how things"
        " improved when people stopped talking to journalists.",
        up=7,
    ),
    say(
        "petra",
        "For the record, the original *Screen Ledger* report was accurate: talks had stalled over"
        " salary and schedule. The part that was wrong was everyone else turning “stalled” into"
        " “walking away”.",
        up=2,
    ),
    say(
        "dev",
        "“Someone to let me out of the van” is a top-five celebrity statement this year, and it"
        " has been a very competitive year for statements.",
        up=5,
    ),
    say(
        "tilly",
        "LENA CAMEO. Put her in the van. Make it a two-hander set entirely in the van. Call it"
        " *Night Shift 3: Van*. I would watch it twice.",
        up=2,
    ),
    say(
        "marek",
        "“It didn’t hurt” is studio for “the petition made no difference whatsoever, but thanks"
        " for the free publicity”.",
        say(
            "olly",
            "Maybe, but 120,000 people saying “we’ll buy tickets if he’s in it” is not nothing"
            " when you’re negotiating his fee. Pretty sure that helped his side.",
            up=3,
        ),
        up=1,
        down=2,
    ),
    say(
        "ines",
        "A student from Calderport! Local girl done good. The whole bus to work was talking about"
        " it this morning, which has never happened for a petition before.",
        up=2,
    ),
    say(
        "rowan",
        "Filming in Portmere early next year means the docklands will be closed off at night for"
        " weeks again. Lovely for the film, less lovely for anyone who lives by the river and"
        " likes to sleep.",
        up=1,
    ),
    say(
        "barnaby",
        "Third film in a heist series, returning star, new director, “smaller and meaner”. I’ve"
        " read this press release for every third film since I was a boy. Wake me when it’s"
        " out.",
        up=1,
        down=2,
    ),
    say(
        "jo",
        "Nice to see two happy endings for the Calloways in one week. Whatever was going on, it"
        " sounds like they’re coming out the other side of it together.",
        up=1,
    ),
)

CONVERSATIONS = (FILM_TO_BEAT, EXIT_RUMOUR, LIFETIME_HONOUR, RETURN_CONFIRMED)
