"""Film: a festival favourite, a lifetime honour, and a star who was never really leaving."""

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

FILM_TO_BEAT = ArticleSpec(
    slug="is-the-salt-orchard-the-film-to-beat",
    section="film",
    title="Is The Salt Orchard the film to beat at the Aurelia Awards?",
    standfirst=(
        "Marisol Ferrante’s quiet family drama left the Portmere Film Festival with an"
        " eleven-minute standing ovation and a queue of rivals doing the maths."
    ),
    hero=photo(
        "A still from The Salt Orchard",
        scene="orchard",
        seed=141,
        palette="dusk",
        caption="A still from The Salt Orchard, which premiered at the Portmere Film Festival.",
        credit="Greyfield Films / Press kit",
        usage_rights=UsageRights.HANDOUT,
    ),
    authors=("jonah-westerby",),
    topics=("award-season",),
    people=("marisol-ferrante", "delphine-arceneaux"),
    hours_ago=232,
    body=(
        paragraph(
            "Nobody at the Portmere Film Festival expected *The Salt Orchard* to be the film"
            " everyone was talking about. It arrived with no stars under forty, no trailer and a"
            " running time of two hours and forty minutes. It left with an eleven-minute standing"
            " ovation, a distribution deal and a reputation as the film to beat this award season."
        ),
        paragraph(
            "Directed by Marisol Ferrante, whose two previous features were admired but little"
            " seen, the film follows three generations of a family tending a failing orchard on a"
            " stretch of coast that is slowly being claimed by the sea. Delphine Arceneaux, in her"
            " first leading role for over a decade, plays the grandmother who refuses to leave."
        ),
        paragraph(
            "The premiere itself was almost an afterthought: a mid-morning screening on the"
            " festival’s third day, in a hall better known for documentaries. By the evening"
            " the second screening had a queue around the block, and tickets for a hastily"
            " added third were changing hands for many times their face value."
        ),
        subheading("‘You could feel everyone recalculating’"),
        paragraph(
            "An awards strategist who attended the premiere, and who works for a rival studio, said"
            " the reaction was unlike anything they had seen. “I have been coming to this festival"
            " for twenty years and I have never heard a room go that quiet,” they said. “Then it"
            " went very loud. You could feel everyone recalculating.”"
        ),
        pull_quote(
            "I have been coming to this festival for twenty years and I have never heard a room go"
            " that quiet.",
            "An awards strategist, after the premiere",
        ),
        picture(
            photo(
                "The Salt Orchard premiere audience",
                scene="cinema",
                seed=142,
                palette="amber",
                caption="The audience at the film’s premiere in the festival’s Grand Screen.",
                credit="Northlight Agency / Mara Quell",
                size=BODY_IMAGE_SIZE,
            )
        ),
        paragraph(
            "The film’s distributor, Greyfield Films, has already begun planning a campaign. A"
            " person familiar with those plans said the company would focus on Arceneaux and on"
            " Ferrante’s screenplay, and would hold the film back from general release until later"
            " in the year to keep it fresh in voters’ minds."
        ),
        paragraph(
            "Then there is Arceneaux herself. The actor, nominated four times and never a"
            " winner, is a popular figure among voters, and the film’s closing scene, a long,"
            " wordless take of her walking between the last trees as the tide comes in, has"
            " already become the most discussed moment of the festival. “You don’t campaign"
            " for that scene,” one publicist said. “You just make sure people see it in a"
            " cinema.”"
        ),
        subheading("The competition"),
        paragraph(
            "It will not have the season to itself. Bellwether Pictures is expected to push its"
            " prestige biopic *The Understudy* hard, and several voters who spoke to The Byline"
            " Review named the animated fable *Northbound* as a dark horse. “*Orchard* is the"
            " critics’ film,” one Aurelia voter said. “The question is whether it’s the voters’"
            " film. Those are not always the same thing.”"
        ),
        paragraph(
            "Box office will not decide it either. *The Understudy* is expected to open"
            " widely before the end of the year, while *The Salt Orchard* will start in a"
            " handful of cinemas. Greyfield’s last awards contender, the chamber drama *Winter"
            " Lets*, took the same route and came away with three nominations."
        ),
        fact_box(
            "The Salt Orchard at a glance",
            "Written and directed by Marisol Ferrante",
            "Starring Delphine Arceneaux, Tobiah Clare and Nina Okoro-Lind",
            "Running time: 2 hours 40 minutes",
            "Premiered at the Portmere Film Festival to an eleven-minute ovation",
            "Distributed by Greyfield Films, with a release expected later this year",
        ),
        paragraph(
            "Ferrante, for her part, seemed bewildered by the attention. “I made a film about my"
            " grandmother’s trees,” she told reporters after the screening. “If people want to give"
            " it prizes, I won’t stop them. But I’d rather they just went to see it.”"
        ),
    ),
)

EXIT_RUMOUR = ArticleSpec(
    slug="is-rafe-calloway-walking-away-from-night-shift",
    section="film",
    title="Is Rafe Calloway really walking away from Night Shift?",
    standfirst=(
        "Reports that the actor will not return for the third film in Bellwether’s heist series"
        " have fans worried, and the studio is saying very little."
    ),
    hero=photo(
        "A Night Shift 2 night shoot in the docklands",
        scene="city_night",
        seed=151,
        palette="sodium",
        caption="A night shoot for Night Shift 2 in Portmere’s docklands in 2021.",
        credit="Halcyon Wire / Felix Amberley",
    ),
    authors=("jonah-westerby",),
    topics=("casting",),
    people=("rafe-calloway",),
    hours_ago=166,
    body=(
        paragraph(
            "For two films, Rafe Calloway has been the face of *Night Shift*: the safecracker with"
            " the good suit, the bad back and the one-liners that fans still quote at him in the"
            " street. Now there are reports that he may not be back for the third."
        ),
        paragraph(
            "According to *Screen Ledger*, negotiations between Calloway’s team and Bellwether"
            " Pictures have stalled over salary and schedule, and the studio has begun “exploring"
            " options” for *Night Shift 3*, including a story that would focus on the crew’s younger"
            " members. The report cited two people familiar with the talks."
        ),
        subheading("Money, or something else?"),
        paragraph(
            "A producer who has worked with Bellwether said disagreements over pay were “completely"
            " routine” at this stage of a franchise. “Every third film has this conversation,” they"
            " said. “The actor knows what they’re worth, the studio knows what the first two made."
            " It usually ends with a handshake.”"
        ),
        paragraph(
            "Others see more in it. A person close to the production suggested that Calloway was"
            " unhappy with an early draft of the script, in which his character “spends most of the"
            " film in a van”. Another said the actor had told friends he wanted “a year off” to"
            " spend time at home, a remark that has inevitably been read alongside recent reports"
            " about his marriage to Lena Marsh."
        ),
        subheading("The studio’s silence"),
        paragraph(
            "Bellwether declined to comment on the negotiations. A spokesperson said only that"
            " *Night Shift 3* was “in active development” and that the studio “loves working with"
            " Rafe”. Calloway’s representatives did not respond."
        ),
        paragraph(
            "It is an uncomfortable moment for Bellwether, which has already announced a release"
            " window and begun scouting locations in the docklands, where much of the second"
            " film was shot."
        ),
        paragraph(
            "The first two films were among Bellwether’s most profitable releases of the past"
            " decade, and the studio has pencilled in the third for release in two years’ time."
            " Fans, meanwhile, have made their feelings clear: an online petition titled simply “No"
            " Rafe, no Night Shift” had gathered more than 80,000 signatures by this morning."
        ),
    ),
)

LIFETIME_HONOUR = ArticleSpec(
    slug="delphine-arceneaux-to-receive-aurelia-lifetime-honour",
    section="film",
    title="Delphine Arceneaux to receive the Aurelia Awards’ lifetime honour",
    standfirst=(
        "The veteran actor, currently earning some of the best reviews of her career for The Salt"
        " Orchard, will be celebrated at this year’s ceremony."
    ),
    hero=photo(
        "Delphine Arceneaux at the Aurelia Awards",
        scene="gala",
        seed=161,
        palette="gold",
        caption="Delphine Arceneaux on stage at the Aurelia Awards in 2019.",
        credit="Northlight Agency / Mara Quell",
    ),
    authors=("jonah-westerby", "priya-castellane"),
    topics=("award-season",),
    people=("delphine-arceneaux", "marisol-ferrante"),
    hours_ago=110,
    body=(
        paragraph(
            "Delphine Arceneaux, whose career has run from the repertory stages of Portmere to some"
            " of the most celebrated films of the past five decades, will receive the Aurelia"
            " Academy’s lifetime achievement honour at this year’s ceremony, the academy announced"
            " this morning."
        ),
        paragraph(
            "“Delphine has never given a careless performance,” the academy’s president, Hollis"
            " Grange, said in a statement. “Generations of actors have learned their craft by"
            " watching her, and generations of audiences have simply been lucky to.”"
        ),
        subheading("‘I’m not finished’"),
        paragraph(
            "Arceneaux, 78, responded with characteristic dryness. “I’m delighted, and a little"
            " alarmed,” she said. “Lifetime awards are usually given to people who have stopped. I"
            " would like it noted that I have not.”"
        ),
        pull_quote(
            "Lifetime awards are usually given to people who have stopped. I would like it noted"
            " that I have not.",
            "Delphine Arceneaux",
        ),
        paragraph(
            "She has a point. Her performance as a grandmother defending her family’s land in"
            " Marisol Ferrante’s *The Salt Orchard* has been the talk of the festival circuit, and"
            " she is widely expected to be nominated for best actress at the same ceremony."
        ),
        paragraph(
            "Born in Portmere to a family of theatre technicians, Arceneaux made her stage debut"
            " at seventeen and her first film a decade later. She has worked with three"
            " generations of directors and has a reputation, by her own account, for “arriving"
            " early, knowing the lines and leaving before the speeches”."
        ),
        subheading("Good timing?"),
        paragraph(
            "That has prompted some raised eyebrows. An awards consultant, who asked not to be"
            " named because they work on a rival film, called the timing “a gift” to *The Salt"
            " Orchard*’s campaign. “The academy will say the two things have nothing to do with"
            " each other, and maybe that’s true,” they said. “But she’ll be on that stage twice in"
            " one night, and voters will notice.”"
        ),
        paragraph(
            "A member of the academy’s board rejected the suggestion. “The honour was decided long"
            " before anyone had seen the film,” they said. “If anything, we worried it would look"
            " like we were telling her to retire.”"
        ),
        paragraph(
            "Ferrante, who wrote the part with Arceneaux in mind, said she had cried when she heard"
            " the news. “She taught me more about making films in six weeks than I learned in ten"
            " years,” the director said. “This is overdue by about thirty years.”"
        ),
        paragraph(
            "The Aurelia Awards take place in Portmere later this season. Arceneaux said she had"
            " already chosen her outfit, and that it would be “something I can sit down in”."
        ),
    ),
)

RETURN_CONFIRMED = ArticleSpec(
    slug="bellwether-confirms-rafe-calloway-returns-for-night-shift-3",
    section="film",
    title="Bellwether confirms Rafe Calloway will return for Night Shift 3",
    standfirst=(
        "After a week of reports that he was walking away, the studio says the actor has signed"
        " on, and that the film has a new director."
    ),
    hero=photo(
        "A preview screening of Night Shift 2",
        scene="cinema",
        seed=171,
        palette="ice",
        caption="An audience at a preview screening of Night Shift 2 in Portmere.",
        credit="Bellwether Pictures / Publicity",
        usage_rights=UsageRights.HANDOUT,
    ),
    authors=("jonah-westerby",),
    topics=("casting",),
    people=("rafe-calloway",),
    hours_ago=43,
    body=(
        paragraph(
            "Rafe Calloway is staying on the job. Bellwether Pictures confirmed yesterday that the"
            " actor has signed to return for *Night Shift 3*, ending more than a week of"
            " speculation that he had walked away from the heist series that made him a star."
        ),
        paragraph(
            "The studio also announced that the film will be directed by Anouk Verhaegen, whose"
            " tense single-location thriller *Cold Storage* was one of last year’s surprise hits."
            " Filming is expected to begin in Portmere early next year."
        ),
        subheading("What changed"),
        paragraph(
            "A person familiar with the negotiations said the sticking points reported last week,"
            " salary and the actor’s schedule, had been “resolved quickly once everyone stopped"
            " talking to journalists”. They also confirmed that the script had been rewritten, and"
            " that Calloway’s character no longer spends most of the film in a van."
        ),
        paragraph(
            "Calloway, who has been absent from social media since deleting his accounts, released"
            " a statement through the studio. “I never left,” he said. “I was just waiting for the"
            " right script, and for someone to let me out of the van.”"
        ),
        paragraph(
            "Verhaegen, who will also polish the script, said she had loved the first two films"
            " and wanted the third to be “smaller, meaner and funnier”. “Heist films are about"
            " people who trust each other for a living,” she said. “I want to put that trust under"
            " as much pressure as possible, ideally in a very small room.”"
        ),
        fact_box(
            "Night Shift 3: what we know",
            "Rafe Calloway returns as the safecracker Eli Vance",
            "Anouk Verhaegen (Cold Storage) directs",
            "Filming begins in Portmere early next year",
            "Release is planned for about two years from now",
            "The rest of the returning cast has not been confirmed",
        ),
        subheading("The fans’ petition"),
        paragraph(
            "The online petition launched by fans, “No Rafe, no Night Shift”, passed 120,000"
            " signatures before the announcement. Its organiser, a student from Calderport, said"
            " she was “unbelievably happy” and would be “closing the petition and going outside”."
        ),
        paragraph(
            "Asked whether the campaign had made a difference, a Bellwether executive smiled. “It"
            " didn’t hurt,” they said."
        ),
        paragraph(
            "Calloway is expected to begin rehearsals in the new year. His wife, Lena Marsh, whose"
            " series *Harbour Lights* is due on Lumen+ later this year, has reportedly already asked"
            " for a cameo."
        ),
    ),
)

ARTICLES = (FILM_TO_BEAT, EXIT_RUMOUR, LIFETIME_HONOUR, RETURN_CONFIRMED)
