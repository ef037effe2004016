/**
 * Demo content for Newsdesk: "The Harbour Gazette", a fictional city paper
 * for the fictional harbour city of Saltmere.
 *
 * Everything in this file is original and invented. Any resemblance to real
 * people, organisations or events is coincidental. Names and places with
 * Turkish characters (and one Arabic-language article) are included on
 * purpose so that search, sorting and slug generation can be exercised.
 */

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
  email: string;
}
export interface DemoCategory {
  slug: string;
  name: string;
  description: string;
  parent?: string /* parent slug */;
}
export interface DemoImage {
  hue: number /* 0-359 */;
  motif: 'skyline' | 'waves' | 'hills' | 'grid' | 'sun';
  alt: string;
  caption: string;
  credit: string;
}
export interface DemoComment {
  key: string;
  parent?: string /* key of parent comment in same article */;
  name: string;
  email: string;
  website?: string;
  body: string;
  minutesAfter: number;
}
export interface DemoArticle {
  title: string;
  dek: string; // one-sentence standfirst
  body: string; // Markdown, 250-600 words, several paragraphs, may use ## subheadings, a list, a > quote
  category: string; // primary category slug
  tags: string[]; // tag names (human readable, e.g. "Transport", "City Council")
  authors: string[]; // author slugs, first is lead byline
  daysAgo: number; // 0..200, spread over months
  hour: number; // 6..22 local hour of publication
  updatedHoursLater?: number; // some articles were updated after publication
  image?: DemoImage;
  commentsClosed?: boolean;
  lang?: string; // only for the Arabic article: 'ar'
  comments?: DemoComment[];
}
export interface DemoPage {
  slug: string;
  title: string;
  body: string /* Markdown */;
}

const CREDIT = 'Illustration: Harbour Gazette';

export const demoAuthors: DemoAuthor[] = [
  {
    slug: 'selin-kalin',
    name: 'Selin Kalın',
    bio: "Selin Kalın has covered Saltmere's streets, courts and council chambers for twelve years and now runs the Gazette's city desk. She grew up above her parents' bakery in Little Kadıköy and still walks to work along the harbour wall.",
    email: 'selin.kalin@harbourgazette.example',
  },
  {
    slug: 'cagri-ozturk',
    name: 'Çağrı Öztürk',
    bio: 'Çağrı Öztürk reports on City Hall, elections and public money. Before joining the Gazette he spent five years as a data reporter in İstanbul, and he still reads budget documents for fun.',
    email: 'cagri.ozturk@harbourgazette.example',
  },
  {
    slug: 'gulsen-ince',
    name: 'Gülşen İnce',
    bio: 'Gülşen İnce writes about the arts, the environment and the people who make Saltmere interesting. She trained as a marine biologist before switching to journalism, which explains her enthusiasm for seagrass.',
    email: 'gulsen.ince@harbourgazette.example',
  },
  {
    slug: 'marcus-hale',
    name: 'Marcus Hale',
    bio: "Marcus Hale has followed Saltmere Athletic home and away since he was nine years old. When he is not at Harbour Park, he covers the port economy, local shops and the city's last working shipyard.",
    email: 'marcus.hale@harbourgazette.example',
  },
  {
    slug: 'nadia-haddad',
    name: 'Nadia Haddad',
    bio: "Nadia Haddad edits the Gazette's community pages and its Arabic-language coverage. She is the person to write to if your neighbourhood has a story that nobody is telling.",
    email: 'nadia.haddad@harbourgazette.example',
  },
];

export const demoCategories: DemoCategory[] = [
  {
    slug: 'city',
    name: 'City',
    description:
      "News from Saltmere's streets, neighbourhoods, libraries, parks and public services.",
  },
  {
    slug: 'politics',
    name: 'Politics',
    description:
      "City Hall, elections, budgets and the people who make decisions on Saltmere's behalf.",
  },
  {
    slug: 'business',
    name: 'Business',
    description:
      'The port economy, independent shops, shipbuilding and the jobs that keep the city working.',
  },
  {
    slug: 'culture',
    name: 'Culture',
    description:
      'Theatre, music, film, books, crafts and festivals from every community in the city.',
  },
  {
    slug: 'sport',
    name: 'Sport',
    description:
      'Results, features and grassroots sport from the harbour, the courts and the running tracks.',
  },
  {
    slug: 'science',
    name: 'Science & Environment',
    description:
      "Research, climate, marine life and the health of the city's air, water and green spaces.",
  },
  {
    slug: 'football',
    name: 'Football',
    description:
      "Match reports and news from Saltmere Athletic, the women's team and the local leagues.",
    parent: 'sport',
  },
  {
    slug: 'transport',
    name: 'Transport',
    description: 'Ferries, buses, cycling and roads: how Saltmere gets around.',
    parent: 'city',
  },
];

export const demoArticles: DemoArticle[] = [
  // ------------------------------------------------------------------ City
  {
    title: 'Little Kadıköy night market wins permanent home on old tram depot site',
    dek: 'After three years of pop-up evenings, traders will get covered stalls, lighting and a five-year licence from the city.',
    body: `The Little Kadıköy night market, which began as a handful of folding tables outside a shuttered bakery, has been granted a permanent home on the former tram depot site off Anchor Street.

Councillors on the city's regeneration committee voted unanimously on Tuesday evening to lease the depot yard to the Little Kadıköy Traders' Association for five years, with an option to renew. The deal includes covered stalls, new lighting, a public toilet block and a connection to the mains water supply, which traders have been asking for since the market's first season.

## From folding tables to fixed stalls

The market started when a group of neighbours began selling simit, stuffed mussels and home-made pickles to commuters walking back from the ferry. Word spread quickly. On a busy evening it now draws about 3,000 visitors and more than forty stallholders, from spice merchants to a Sri Lankan hopper stand and a bike repair tent.

"We have been packing up in the rain for three years," said Hüseyin Aydın, who chairs the traders' association and runs a dried-fruit stall. "A roof sounds like a small thing. For us it is the difference between a hobby and a business."

The site will be rearranged in phases so that trading can continue during the works. According to the plans published with the committee papers:

- forty-eight covered stalls will replace the current mix of gazebos and vans;
- the depot's old brick engine shed will become a seating hall with space for live music;
- a cycle parking area for 120 bikes will be built on the Anchor Street side;
- stallholders will pay a reduced rent for the first year while the works are finished.

> "A roof sounds like a small thing. For us it is the difference between a hobby and a business."

Not everyone is pleased. Residents of the terraced houses backing onto the depot have raised concerns about noise and litter late at night. The licence limits trading to 10pm on weeknights and 11pm on Fridays and Saturdays, and the association has agreed to fund a cleaning crew after every market evening.

Councillor Ayşe Erdoğan, who represents the ward, said the decision showed that "a neighbourhood idea can become part of the city's furniture if people are patient and persistent". She added that the council would review the noise arrangements after six months.

Work is expected to begin within weeks. The market will continue to trade in its current layout until the first covered stalls are ready.`,
    category: 'city',
    tags: ['Markets', 'Little Kadıköy', 'City Council'],
    authors: ['selin-kalin'],
    daysAgo: 0,
    hour: 7,
    image: {
      hue: 28,
      motif: 'grid',
      alt: 'Abstract illustration of a grid of warm orange market stall roofs glowing under evening light',
      caption:
        "The night market's new covered stalls will be built on the old tram depot site off Anchor Street.",
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Emine Şahin',
        email: 'emine.sahin@example.com',
        body: 'Finally! The mussels stall alone is worth the walk from Ferry Hill. Glad the traders are getting a proper roof.',
        minutesAfter: 45,
      },
      {
        key: 'c2',
        parent: 'c1',
        name: 'Tomás Reyes',
        email: 'tomas.reyes@example.net',
        body: 'Agreed, though I hope the rent stays affordable after the first year. The small stalls are what make it special.',
        minutesAfter: 90,
      },
      {
        key: 'c3',
        name: 'Hannah Brook',
        email: 'hannah.brook@example.org',
        website: 'https://hannahbrook.example',
        body: "As someone who lives on Depot Row, I'm cautiously happy. The cleaning crew promise is the important part for us.",
        minutesAfter: 180,
      },
    ],
  },
  {
    title: 'Harbour wall repairs to close Quay Street for six weeks',
    dek: 'Engineers say storm damage to the nineteenth-century wall must be fixed before the next run of high tides.',
    body: `Quay Street will close to traffic for six weeks from Monday while engineers repair a section of the harbour wall that was undermined during last season's storms.

The city's highways team said inspections had found a gap of almost a metre behind the stonework between the fish market and the lifeboat station, where waves had washed out the packed rubble that holds the wall in place. Without repairs, the section could shift further during the next run of high spring tides.

"The wall is not about to fall into the sea, but it is telling us it needs attention," said Rhiannon Price, the council's senior structural engineer. "It is far cheaper and safer to fix it now than to wait for a bigger failure."

## What changes for residents

Pedestrians will still be able to reach the fish market, the lifeboat station and the shops on the landward side of Quay Street through a fenced walkway. Vehicle access will be limited to emergency services and to deliveries before 8am.

- Bus routes 3 and 7 will be diverted along Chandlers Row, adding about five minutes to journeys.
- The Saturday craft fair will move temporarily to Customs House Square.
- Parking bays on Quay Street will be suspended, and permit holders can use the Northgate multi-storey free of charge.

Shopkeepers on the street said they understood the need for the work but worried about trade. "Six weeks is a long time when you rely on people walking past," said Oya Kaplan, who runs a gift shop opposite the lifeboat station. The council said it would put up signs making clear that businesses remain open throughout.

The repairs, which will cost an estimated £410,000, involve drilling through the wall and pumping grout into the void before resetting loose stones by hand. Some of the original granite blocks carry masons' marks, and a heritage officer will record them before any stone is moved.

> "The wall is not about to fall into the sea, but it is telling us it needs attention."

The wider harbour wall is due for a full structural survey next year, the first since the 1990s. Price said the survey would use underwater cameras and ground-penetrating radar to look for other voids before they become visible from the quay.

**Update:** This article was updated to include the temporary location of the Saturday craft fair and details of free parking for permit holders.`,
    category: 'city',
    tags: ['Roads', 'Harbour', 'Infrastructure'],
    authors: ['selin-kalin'],
    daysAgo: 12,
    hour: 9,
    updatedHoursLater: 5,
    image: {
      hue: 205,
      motif: 'waves',
      alt: 'Abstract illustration of blue waves breaking against a stylised stone harbour wall',
      caption:
        'A section of the harbour wall between the fish market and the lifeboat station needs urgent repairs.',
      credit: CREDIT,
    },
  },
  {
    title: 'Café owners back plan for wider pavements on Ferry Hill',
    dek: 'A café, a barber and a bookshop say a twelve-week trial has brought more people through their doors.',
    body: `Business owners on Ferry Hill have thrown their support behind a plan to make a temporary pavement widening permanent, after a twelve-week trial that replaced a row of parking spaces with planters, benches and café seating.

The trial, run by the city's streets team, narrowed the road to a single lane in each direction between the ferry terminal steps and St Brendan's church. Footfall counters installed at both ends of the street recorded an average of 18 per cent more pedestrians during the trial than during the same period a year earlier.

"On a sunny morning every one of our outside tables is full by half past nine," said Leyla Demir, who owns the Blue Door café near the top of the hill. "Before, people stood in the gutter waiting for the bus. Now they sit down and order a second coffee."

## Mixed views on parking

The plan has not won over everyone. Some residents say it has become harder to find somewhere to stop, particularly for older people and drivers with disabilities. A petition asking the council to restore at least some of the spaces has gathered around 600 signatures.

The council's proposals try to address those concerns. They include:

- four blue-badge bays close to the pharmacy and the surgery;
- a loading bay for deliveries before 11am;
- a new short-stay car park on the former garage site on Lantern Lane.

Graham Okafor, who runs a barber's shop halfway up the hill, said he had been sceptical at first. "I thought my regulars would stop coming if they couldn't park outside," he said. "Some of them grumble, but they still come, and I've had new customers who just wandered past."

> "Before, people stood in the gutter waiting for the bus. Now they sit down and order a second coffee."

A public consultation on the permanent scheme opens next week and will run for six weeks. If approved, construction would replace the temporary planters with wider stone pavements, street trees and proper drainage.

The streets team said it would publish the full footfall and traffic data alongside the consultation, including figures on bus journey times, which rose slightly during the trial. Residents will be able to comment online, at the Central Library or at two drop-in sessions in the church hall.`,
    category: 'city',
    tags: ['Streets', 'Ferry Hill', 'Small Business'],
    authors: ['selin-kalin', 'marcus-hale'],
    daysAgo: 36,
    hour: 11,
    image: {
      hue: 45,
      motif: 'sun',
      alt: 'Abstract illustration of a yellow sun over a row of simple shopfronts with café tables on a wide pavement',
      caption: 'Outside seating on Ferry Hill during the twelve-week pavement trial.',
      credit: CREDIT,
    },
  },
  {
    title: 'Volunteers map every street tree in Northgate',
    dek: 'More than 2,300 trees have been measured, photographed and given a health score by residents with tape measures and a free app.',
    body: `It took eleven weekends, forty-three volunteers and a great deal of tape, but Northgate now knows exactly how many street trees it has: 2,314.

The count was organised by the Northgate Residents' Forum, which wanted to understand how the neighbourhood's tree cover had changed since the last official survey more than a decade ago. Volunteers worked in pairs, measuring the girth of each trunk at chest height, photographing the canopy and recording the species and condition using a free mapping app.

"People walk past the same trees every day and never really look at them," said Şeyma Arslan, a retired geography teacher who co-ordinated the project. "Once you start measuring them, you notice the ones that are struggling, the ones that have been cut back too hard, the stumps where a tree used to be."

## What they found

The survey found that planes and limes make up almost half of the neighbourhood's trees, many of them planted more than a century ago when the terraces were built. Younger trees are far more varied, including rowan, hornbeam, cherry and a handful of ginkgos.

Key findings include:

- 2,314 living street trees and 187 empty tree pits or stumps;
- about 9 per cent of trees rated in poor condition, mostly young trees damaged by cars or vandalism;
- the streets closest to the harbour have the fewest trees per household.

The forum has shared its data with the city's parks department, which said it would use the list of empty pits to plan replanting over the next three years.

> "Once you start measuring them, you notice the ones that are struggling."

Dr Amara Osei, an urban ecologist at Saltmere University who advised the volunteers, said community surveys like this were increasingly valuable. "Councils rarely have the staff to look at every tree regularly," she said. "A careful volunteer survey can be just as accurate, and it builds a group of people who care about what happens next."

The map is now available to view online, and the forum hopes to repeat the count every five years. Volunteers are already planning to add the trees in school grounds and churchyards, which were left out of the first survey.`,
    category: 'city',
    tags: ['Trees', 'Northgate', 'Volunteering'],
    authors: ['gulsen-ince'],
    daysAgo: 58,
    hour: 14,
    image: {
      hue: 120,
      motif: 'hills',
      alt: 'Abstract illustration of green rolling hills dotted with round tree shapes',
      caption: 'Volunteers counted 2,314 living street trees across Northgate.',
      credit: CREDIT,
    },
  },
  {
    title: 'Library fine amnesty brings 4,000 overdue books home',
    dek: "Saltmere's libraries scrapped late fees for a month and got back books that had been missing for decades.",
    body: `A month-long amnesty on library fines has brought more than 4,000 overdue books back to Saltmere's shelves, including a cookbook that had been missing since 1987.

The city's library service waived all late fees during the amnesty and invited borrowers to return items to any branch, no questions asked. Librarians said they were surprised by both the number of returns and the stories attached to them.

"One man brought back a guide to birdwatching that his late father had borrowed," said Fatima Bello, manager of the Central Library on Customs House Square. "He had found it while clearing the house and wanted it to go back where it belonged. There were a few tears at the counter that day."

## Returning readers

The amnesty was not only about recovering books. The library service says fines had become a barrier that kept some families away, particularly parents worried about charges on children's cards. During the amnesty, 612 people reactivated cards that had been blocked because of unpaid fines.

The most notable returns included:

- the 1987 cookbook, returned to the Üsküdar Row branch in its original plastic cover;
- a complete fantasy trilogy, borrowed in three separate decades by the same reader;
- 31 items returned in a single suitcase by a family who had moved away and come back.

Following the results, the council's culture committee will consider a proposal to abolish late fees for good. Several cities have already done so, arguing that the money raised is small compared with the cost of chasing it.

> "He had found it while clearing the house and wanted it to go back where it belonged."

Councillor Daniel Mensah, who chairs the committee, said he was inclined to support the change. "Libraries are meant to be the most welcoming buildings in the city," he said. "If a few pounds of fines are keeping people out, that is a poor bargain."

Books that are not returned would still need to be replaced, and the library service said borrowers would continue to be asked to pay for lost items. The proposal will be discussed at the committee's next meeting, and residents can send their views to the library service before then.`,
    category: 'city',
    tags: ['Libraries', 'Community', 'Üsküdar Row'],
    authors: ['nadia-haddad'],
    daysAgo: 115,
    hour: 8,
  },

  // ------------------------------------------------------------- Transport
  {
    title: "Türkiye'den elektrikli feribot: Kadıköy-designed ferry Martı arrives in Saltmere",
    dek: "The city's first battery-powered ferry, designed by engineers in İstanbul, will enter service on the Ferry Hill crossing next month.",
    body: `Saltmere's first electric ferry arrived in the harbour on Thursday morning after a three-week delivery voyage from Türkiye, and is expected to carry its first passengers on the Ferry Hill crossing next month.

The 28-metre vessel, named Martı, the Turkish word for seagull, was designed by an engineering firm based in İstanbul's Kadıköy district and built at a shipyard on the shore of the Sea of Marmara. It can carry 150 passengers and 40 bicycles and will recharge from shore power at both ends of the crossing during its turnaround.

A small crowd gathered on the quay to watch the ferry come in, and a brass band from Little Kadıköy played as the crew tied up.

"My grandparents crossed the Bosphorus every day on the old steam ferries," said Nurcan Özdemir, who travelled from Üsküdar Row with her two children to watch. "Now a ferry from the same waters is going to carry my kids to school. It feels like a circle closing."

## Quieter, cleaner crossings

The Harbour Transport Authority says the ferry will replace a diesel vessel that is more than 30 years old and burns roughly 200,000 litres of fuel a year. Officials expect the change to cut the crossing's carbon emissions by about 90 per cent, depending on the mix of electricity on the grid.

Passengers should also notice the difference. The Martı is designed to be significantly quieter than the boat it replaces, with no engine vibration in the passenger cabin.

Before entering service, the ferry will go through:

- two weeks of crew training on the new controls and charging system;
- sea trials in the outer harbour in different weather conditions;
- a final inspection by the maritime safety regulator.

> "Now a ferry from the same waters is going to carry my kids to school. It feels like a circle closing."

The project cost £6.8 million, about a third of it covered by a national clean transport grant. The authority has an option to buy a second vessel of the same design if the first performs well.

Ticket prices will not change, the authority confirmed, and the existing timetable of a crossing every fifteen minutes at peak times will continue.

**Update:** An earlier version of this article gave the ferry's passenger capacity as 200. The correct figure is 150.`,
    category: 'transport',
    tags: ['Ferries', 'Transport', 'Türkiye', 'Climate'],
    authors: ['selin-kalin', 'cagri-ozturk'],
    daysAgo: 4,
    hour: 10,
    updatedHoursLater: 3,
    image: {
      hue: 190,
      motif: 'waves',
      alt: 'Abstract illustration of teal waves with the simple silhouette of a ferry crossing them',
      caption:
        'The electric ferry Martı will run on the Ferry Hill crossing once sea trials are complete.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Yusuf Çelik',
        email: 'yusuf.celik@example.com',
        body: 'Lovely to see Martı arrive. My father worked on the Kadıköy ferries for thirty years and would have been thrilled.',
        minutesAfter: 20,
      },
      {
        key: 'c2',
        parent: 'c1',
        name: 'Greta Lindqvist',
        email: 'greta.lindqvist@example.org',
        website: 'https://greta-sails.example',
        body: 'What a lovely connection. Do you know if the old diesel boat will be sold or scrapped?',
        minutesAfter: 65,
      },
      {
        key: 'c3',
        parent: 'c2',
        name: 'Yusuf Çelik',
        email: 'yusuf.celik@example.com',
        body: 'I heard at the quay that the authority wants to give it to a sea cadet group, but nothing is confirmed yet.',
        minutesAfter: 110,
      },
      {
        key: 'c4',
        name: 'Ben Carver',
        email: 'ben.carver@example.net',
        body: 'Good news, but will the charging points be ready in time? The Ferry Hill pontoon still looks like a building site.',
        minutesAfter: 240,
      },
      {
        key: 'c5',
        parent: 'c4',
        name: 'Priya Nair',
        email: 'priya.nair@example.com',
        body: "According to the authority's newsletter, the shore power connection is being tested this week.",
        minutesAfter: 300,
      },
    ],
  },
  {
    title: 'Night bus N4 to run every 20 minutes from next month',
    dek: 'Shift workers at the port and the hospital have campaigned for years for a more frequent overnight service.',
    body: `The overnight N4 bus between the hospital, the city centre and the container port will run every 20 minutes instead of every hour from next month, after a campaign led by shift workers who said the current service left them stranded.

The Harbour Transport Authority confirmed the change at its board meeting on Wednesday, saying it had found the money by cutting a little-used late-evening express route and reorganising driver rotas.

Nurses, port crane operators, cleaners and bakery workers formed the backbone of the campaign. Many of them start or finish work between midnight and 6am, when the N4 is the only public transport option in the north of the city.

"If you missed the bus at ten past two, you waited until ten past three, in the dark, at a bus stop with no shelter," said Aleksandra Nowak, a night nurse at St Brendan's Hospital who helped gather more than 1,800 signatures. "Some of us started taking taxis we couldn't afford. Others stopped taking night shifts altogether."

## How the new timetable works

The authority says the revised service will:

- run every 20 minutes between 11pm and 5am, seven nights a week;
- add two stops near the container port's new gate and the hospital staff entrance;
- use buses fitted with on-board cameras and a direct radio link to the control room.

The authority also promised to install shelters and lighting at six N4 stops identified by the campaign as the most exposed.

> "If you missed the bus at ten past two, you waited until ten past three, in the dark, at a bus stop with no shelter."

Board member Çetin Yıldız said the decision reflected a broader change in thinking about who uses public transport at night. "We used to plan night buses around people going home from the pub," he said. "The reality is that most of our night passengers are going to work."

The cost of the improved service is estimated at £520,000 a year. The authority will review passenger numbers after six months, but said it did not expect to reverse the change unless demand fell sharply.

Campaigners said they would now turn their attention to Sunday morning services, which do not start until 8am.`,
    category: 'transport',
    tags: ['Buses', 'Transport', 'Night-time Economy'],
    authors: ['cagri-ozturk'],
    daysAgo: 47,
    hour: 16,
  },
  {
    title: 'Harbour Road cycle lane: what changes and when',
    dek: 'A protected lane linking the ferry terminal to the university campus will be built in three stages.',
    body: `Work on a protected cycle lane along Harbour Road will begin later this year, creating the first continuous route for cyclists between the ferry terminal and the Saltmere University campus.

The 3.4-kilometre lane will be separated from traffic by a raised kerb for most of its length, with new signal-controlled crossings at the three busiest junctions. The council approved the design last week after two rounds of consultation that drew more than 2,000 responses.

Here is what is planned, and when.

## Stage one: ferry terminal to Chandlers Row

The first stage, due to start in about three months, will convert the existing painted lane outside the ferry terminal into a two-way track. The taxi rank will move about 50 metres north, closer to the terminal doors, which the council says will make it easier for passengers with luggage.

## Stage two: Chandlers Row to the fish market

This is the most complicated section. The road is narrow, and delivery lorries for the fish market currently park on both sides. The plan creates a dedicated loading area inside the market yard so that lorries no longer need to stop on the road.

## Stage three: fish market to the university

The final stage runs along the wider stretch of Harbour Road, past the rowing club and the boatyards. It includes:

- a new crossing outside the rowing club, which members have requested for years;
- 300 new cycle parking spaces at the university end;
- tree planting along the length of the route.

Stage three will also link with the existing riverside path, allowing cyclists to reach Northgate without using main roads.

> The council estimates that the full route will be completed within two years, subject to funding for the final stage.

Cycling groups welcomed the decision but said they would watch the details closely. "A lane is only as good as its worst junction," said Tamsin Holt of the Saltmere Cycle Campaign.

Motorists' concerns focused on delivery access and the loss of some on-street parking. The council said it had kept every loading bay that businesses reported using regularly, and that an independent review after the first stage would look at traffic flow before work on the second stage begins.`,
    category: 'transport',
    tags: ['Cycling', 'Transport', 'Roads'],
    authors: ['selin-kalin'],
    daysAgo: 101,
    hour: 13,
    image: {
      hue: 95,
      motif: 'grid',
      alt: 'Abstract illustration of a green street grid with a highlighted cycle route running along the waterfront',
      caption: 'The Harbour Road cycle lane will be built in three stages.',
      credit: CREDIT,
    },
  },

  // -------------------------------------------------------------- Politics
  {
    title: 'Councillor Ayşe Erdoğan launches bid to chair harbour committee',
    dek: "The Northgate councillor says the harbour has been managed 'by spreadsheet rather than by vision' and promises public meetings on the quay.",
    body: `Councillor Ayşe Erdoğan has announced she will stand to chair the city council's harbour committee, setting up the first contested election for the post in almost a decade.

Erdoğan, who has represented the Little Kadıköy and Northgate ward for six years, told supporters at a community hall on Anchor Street on Monday night that the harbour had been "managed by spreadsheet rather than by vision". She said she wanted the committee to hold some of its meetings on the quay itself, in the fish market hall or the lifeboat station, so that people who work in the harbour could attend without taking time off.

The committee oversees the harbour's budget, moorings, the fish market and the ferry terminals, as well as the long-running plans to redevelop the empty warehouses on the East Quay.

## A contested race

The current chair, Councillor Robert Lyle, has held the post since the committee was created in its current form. He confirmed on Tuesday that he would stand again, saying the committee had "kept the harbour solvent through difficult years" and that the next term should be about delivering the East Quay plans rather than rewriting them.

Erdoğan's platform includes:

- publishing all harbour leases and mooring fees online;
- a fixed share of East Quay homes to be affordable for harbour workers;
- a review of the fish market's rents before any new increases;
- an annual open meeting on the quay where residents can question the committee.

> "The harbour is the reason this city exists. The people who work on it should be able to see how it is run."

The chair is chosen by a vote of all councillors, and neither candidate can rely on a clear majority. Several independent councillors said they had not yet decided how to vote.

Born in İstanbul and brought to Saltmere as a child, Erdoğan worked as an administrator for the harbour pilots before entering politics. Supporters describe her as a detail-minded campaigner; critics say her proposals would slow down the East Quay redevelopment, which has already been delayed twice.

The vote is scheduled for the full council meeting at the end of next month.

**Update:** This article was updated with a response from Councillor Robert Lyle.`,
    category: 'politics',
    tags: ['City Council', 'Harbour', 'Ayşe Erdoğan'],
    authors: ['cagri-ozturk'],
    daysAgo: 1,
    hour: 18,
    updatedHoursLater: 2,
    image: {
      hue: 260,
      motif: 'skyline',
      alt: 'Abstract illustration of a violet city skyline with a domed council building at its centre',
      caption: 'The harbour committee chair is elected by all fifty city councillors.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Olu Adeyemi',
        email: 'olu.adeyemi@example.net',
        body: "Meetings on the quay is a great idea. Most of us at the fish market can't get to City Hall at 2pm on a Tuesday.",
        minutesAfter: 60,
      },
      {
        key: 'c2',
        name: 'Ines Moreau',
        email: 'ines.moreau@example.org',
        website: 'https://inesmoreau.example',
        body: "Both candidates should publish their East Quay numbers before the vote. Transparency shouldn't only be a campaign promise.",
        minutesAfter: 150,
      },
      {
        key: 'c3',
        parent: 'c2',
        name: 'Kerem Güneş',
        email: 'kerem.gunes@example.net',
        body: 'Agreed. A public hustings before the vote would help too.',
        minutesAfter: 200,
      },
    ],
  },
  {
    title: 'Council approves 3.2 per cent rise in city levy after late-night debate',
    dek: 'Councillors backed the budget by 29 votes to 21, with extra money for road repairs and youth services.',
    body: `Saltmere households will pay 3.2 per cent more in city levy from the start of the next financial year after councillors approved the budget following a debate that ran until almost midnight on Thursday.

The budget passed by 29 votes to 21. For a typical mid-sized home, the increase will add about £4.10 a month to bills.

Council leader Patricia Onwuka told the chamber that the rise was the smallest the council could responsibly set while protecting services. "Nobody in this room wants to ask families to pay more," she said. "But the alternative is closing libraries, cutting bus subsidies and leaving potholes unfilled. We have chosen not to do that."

## Where the money goes

The budget includes several new spending commitments:

- an extra £1.2 million for road and pavement repairs, focused on the worst-rated streets;
- £350,000 to reopen two youth centres in Northgate and Üsküdar Row on weekday evenings;
- a fund of £200,000 for small grants to community groups;
- an increase in the levy support scheme for the lowest-income households.

Savings of £3.9 million will come mainly from merging back-office functions, renegotiating the city's waste contract and reducing the council's office space by moving staff out of one of its two buildings.

## Opposition response

Opposition councillors argued that the council should have drawn on its reserves to freeze the levy for a year. "Families are already stretched," said Councillor Mark Denholm. "The council is sitting on money it could use right now."

The council's finance director, Helen Sato, said in a report to councillors that the reserves were already at the minimum level she considered safe, and that using them for day-to-day spending would leave the city exposed to unexpected costs such as emergency repairs to the harbour wall.

> "Nobody in this room wants to ask families to pay more."

Councillor Ayşe Erdoğan was among a small group of councillors from the governing group who voted for the budget while calling for a separate review of harbour spending, which she described as "the one part of the budget nobody seems to read".

Bills showing the new amounts will be sent to households in the coming weeks.`,
    category: 'politics',
    tags: ['City Council', 'Budget', 'Local Tax'],
    authors: ['cagri-ozturk'],
    daysAgo: 27,
    hour: 20,
  },
  {
    title: 'Ward boundaries redrawn ahead of city elections',
    dek: 'An independent review has split the fast-growing Northgate ward and merged two shrinking harbour-side wards.',
    body: `Saltmere's electoral map will look noticeably different at the next city elections after an independent boundary review recommended splitting one ward, merging two others and moving several hundred homes between neighbourhoods.

The review was triggered because population growth had left some councillors representing far more residents than others. Northgate, where hundreds of new flats have been built on former railway land, had grown to almost 40 per cent above the city average. The two small wards along the old harbour front had shrunk as warehouses were converted into offices.

"The principle is simple," said Professor Gwen Aldous, who chaired the review panel. "Every resident's vote should carry roughly the same weight, whichever street they live on."

## The main changes

Under the final recommendations:

- Northgate will be split into Northgate East and Northgate West, each with two councillors;
- Old Quay and Harbourside will merge into a single ward, Old Harbour, with three councillors;
- around 600 homes on the edge of Little Kadıköy will move into Ferry Hill ward;
- the total number of councillors will remain at 50.

The panel said it had tried to keep recognised communities together wherever possible. It changed its draft proposals after residents of Little Kadıköy objected to an earlier plan that would have split their high street down the middle.

"We are very glad the panel listened," said Hatice Koç, who organised the residents' response. "Little Kadıköy is one neighbourhood. The shops, the mosque, the school and the market all serve the same people. It would have made no sense to divide it."

> "Every resident's vote should carry roughly the same weight, whichever street they live on."

Political parties are now reviewing the new map to decide which candidates will stand where. Some sitting councillors may find themselves competing for the same seat, particularly in the merged Old Harbour ward.

The city's electoral services team said it would write to every household affected by the changes before the elections to explain which ward they now live in and where their polling station will be. The full report and interactive maps are available at City Hall and on the council's website.`,
    category: 'politics',
    tags: ['Elections', 'City Council', 'Democracy'],
    authors: ['cagri-ozturk'],
    daysAgo: 75,
    hour: 12,
  },
  {
    title: 'Youth council asks for a voice on the planning committee',
    dek: 'Teenagers from across the city want a formal say on decisions that will shape the places they grow up in.',
    body: `Members of Saltmere's youth council have asked the city to give them a formal voice on the planning committee, arguing that young people will live longest with the consequences of today's decisions.

The youth council, made up of 24 elected representatives aged 13 to 18 from schools and youth groups across the city, presented its proposal to the council's governance committee on Monday. It asks for one youth representative to sit on the planning committee with the right to speak on every application and to propose conditions, although not to vote.

"We are not asking to run the city," said Zeynep Kılıç, 17, who chairs the youth council. "We are asking to be in the room when decisions are made about the parks we play in, the buses we take to school and the homes we might one day be able to afford."

## Learning from elsewhere

The group pointed to several cities that already include young people in planning decisions, and presented the results of its own survey of 1,100 secondary school pupils. Among the findings:

- 71 per cent said they had never been asked for their opinion on a local development;
- safe cycling routes and places to meet without spending money were the top priorities;
- more than half said they expected to leave Saltmere because of housing costs.

> "We are not asking to run the city. We are asking to be in the room."

Committee members were broadly sympathetic, though some raised practical questions. Planning meetings often run late into the evening, and documents can be hundreds of pages long. Councillor Frances Wu asked how the council would make sure the youth representative was supported rather than overwhelmed.

The youth council suggested that two members share the role, with a planning officer assigned to brief them before each meeting. It also proposed that the arrangement be trialled for a year and then reviewed.

Officers will now draw up a report on the legal and practical implications. The governance committee is expected to make a decision within three months.

Zeynep Kılıç said the youth council would keep pressing its case. "Whatever happens, we have started the conversation," she said. "Next year's youth council will pick it up if we have to."`,
    category: 'politics',
    tags: ['Young People', 'City Council', 'Planning'],
    authors: ['nadia-haddad', 'cagri-ozturk'],
    daysAgo: 130,
    hour: 15,
    image: {
      hue: 300,
      motif: 'sun',
      alt: 'Abstract illustration of a magenta sun rising above a row of simple stylised figures',
      caption:
        'The youth council surveyed 1,100 secondary school pupils before making its proposal.',
      credit: CREDIT,
    },
  },
  {
    title: "Şule Yılmaz named city's first housing ombudsperson",
    dek: 'The former tenancy lawyer will investigate complaints from renters and leaseholders about landlords, letting agents and the council itself.',
    body: `A former tenancy lawyer who grew up in social housing in Üsküdar Row has been appointed as Saltmere's first housing ombudsperson, a new independent post created to investigate complaints from renters and leaseholders.

Şule Yılmaz, 44, spent fifteen years representing tenants in disputes over repairs, deposits and evictions before joining a national housing charity as its head of legal services. She will take up the post next month and lead a small team based in an office on the ground floor of the Central Library.

"I know what it is like to live with damp in the bedroom and a landlord who doesn't answer the phone," Yılmaz said at an event to introduce her to community groups. "I also know that most landlords want to do the right thing. My job is to make the system work fairly for both."

## What the role can do

The ombudsperson will be able to investigate complaints about private landlords and letting agents who are registered with the city's licensing scheme, and about the council's own housing department. Powers include:

- requiring landlords and agents to provide documents and respond to complaints within set time limits;
- recommending compensation and repairs, with findings published online;
- referring serious cases to the council's enforcement team;
- producing an annual report on the state of rented housing in the city.

> "I know what it is like to live with damp in the bedroom and a landlord who doesn't answer the phone."

Tenant groups welcomed the appointment but said the office would need enough staff to handle what they expect to be a large number of complaints. "Thousands of people are living with problems they have given up reporting," said Liam Frost of the Saltmere Renters' Union. "The ombudsperson needs the resources to match that demand."

The Saltmere Landlords' Association said it looked forward to working with Yılmaz and hoped the office would also help landlords resolve disputes with tenants quickly.

The post is funded for three years, with a budget of £480,000 a year. The council said it would decide whether to make it permanent based on an independent evaluation.`,
    category: 'politics',
    tags: ['Housing', 'City Council', 'Renting'],
    authors: ['cagri-ozturk'],
    daysAgo: 160,
    hour: 10,
  },
  {
    title: 'Mayor faces questions over delayed seawall report',
    dek: "Opposition councillors want to know why a report on the city's flood defences was finished months ago but never published.",
    body: `The mayor of Saltmere has been asked to explain why a report on the condition of the city's seawall was completed months ago but has not been made public.

The report, commissioned after flooding in the Old Quay area, was delivered to City Hall by an engineering consultancy earlier this year, according to a written answer given to councillors. It has not been published or discussed at any public meeting.

Councillor Mark Denholm, who tabled the question, said residents living behind the seawall had a right to know what the engineers had found. "People in Old Quay were bailing water out of their kitchens," he said. "They deserve to see the evidence about whether it could happen again, not just reassurances."

## The mayor's response

Mayor Thomas Achterberg said the report had been held back because it contained technical recommendations that needed to be costed before being shared, and because some sections referred to ongoing insurance negotiations.

"There is nothing being hidden," he said. "We want to publish the report alongside a clear plan for what we will do about it, rather than put out a document full of engineering language that would frighten people without explaining the next steps."

The mayor said the report would be published "within weeks" with some commercially sensitive details removed.

## What residents want to know

Residents' groups in Old Quay have listed the questions they want answered:

- whether the seawall is at risk of failing in a major storm;
- what repairs are needed and how much they will cost;
- whether homes behind the wall will still be able to get flood insurance;
- when any work will begin.

> "They deserve to see the evidence about whether it could happen again, not just reassurances."

Ruth Kennedy, who chairs the Old Quay Residents' Association, said the delay had caused anxiety. "When you don't tell people anything, they assume the worst," she said.

Comments on this article have been closed because the matter may become the subject of legal proceedings.`,
    category: 'politics',
    tags: ['Flooding', 'City Council', 'Harbour'],
    authors: ['cagri-ozturk', 'selin-kalin'],
    daysAgo: 184,
    hour: 17,
    commentsClosed: true,
  },

  // -------------------------------------------------------------- Business
  {
    title: 'Kalın & Sons chandlery marks 60 years on Old Quay',
    dek: "Three generations of the Kalın family have sold rope, paint and advice to Saltmere's sailors from the same narrow shop.",
    body: `When Mehmet Kalın opened a chandlery on Old Quay sixty years ago, he sold rope, tar, lamp oil and tinned biscuits to the crews of the fishing boats that crowded the inner harbour. Today his grandson sells marine electronics, waterproof phone cases and specialist paint for racing dinghies, but the shop is in the same narrow building and the bell above the door is the same one.

Kalın & Sons celebrated its sixtieth anniversary on Saturday with a party on the quay attended by customers, neighbouring businesses and several retired fishermen who remember buying their first knives there.

"My grandfather used to say that a chandlery sells two things: equipment and advice," said Emre Kalın, 38, who took over the business from his father five years ago. "You can buy the equipment online now. The advice is why people still come through the door."

(The family is no relation to the Gazette's city editor, Selin Kalın, although both say they are asked about it regularly.)

## Changing with the harbour

The business has survived several upheavals. The decline of the fishing fleet in the 1980s cost the shop most of its commercial customers, and for a time the family considered closing. Instead they turned to the growing number of leisure sailors and rowing clubs, and later to the harbour's workboat and ferry operators.

Emre Kalın says the key changes over the decades have included:

- a shift from commercial fishing to leisure boating and rowing;
- the arrival of online competitors, which pushed the shop to focus on repairs and expertise;
- a growing trade in second-hand equipment, which now makes up about a fifth of sales.

> "A chandlery sells two things: equipment and advice."

His father, Hasan Kalın, still comes into the shop most mornings. "I tell him he is retired," his son said. "He tells me he is supervising."

Neighbouring traders say the chandlery is part of what gives Old Quay its character at a time when many harbour-side buildings are being turned into flats and offices. The family own the building, which they say has protected them from the rent increases that have pushed other traders out.

Asked whether a fourth generation would take over, Emre Kalın laughed. "My daughter is eight and wants to be a vet," he said. "We will see."`,
    category: 'business',
    tags: ['Small Business', 'Harbour', 'Old Quay'],
    authors: ['marcus-hale'],
    daysAgo: 6,
    hour: 8,
    image: {
      hue: 35,
      motif: 'waves',
      alt: 'Abstract illustration of amber waves curling into coils like rope',
      caption: 'Kalın & Sons has traded from the same building on Old Quay for sixty years.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Ben Carver',
        email: 'ben.carver@example.net',
        body: 'Bought my first tin of dinghy paint here years ago and Hasan talked me out of the expensive one. Congratulations to the whole family.',
        minutesAfter: 50,
      },
      {
        key: 'c2',
        name: 'Emine Şahin',
        email: 'emine.sahin@example.com',
        body: 'The best shop on Old Quay. İyi ki varsınız!',
        minutesAfter: 95,
      },
    ],
  },
  {
    title: 'Fish auction moves online as buyers adapt',
    dek: 'The 5am auction at Saltmere fish market now takes bids from restaurants and wholesalers who never set foot on the quay.',
    body: `For more than a century, the only way to buy fish at Saltmere's morning auction was to stand on the cold concrete floor of the market hall at five o'clock and raise a hand. Since the start of this month, buyers can also bid from a laptop or phone.

The Saltmere Fish Market Company introduced online bidding after a trial last year in which about a dozen restaurants and wholesalers took part. Fish are still landed, sorted and graded on the quay, and each lot is photographed and weighed before being listed on a screen in the hall and online at the same time.

"The fish hasn't changed, the boats haven't changed, and the auctioneer's voice certainly hasn't changed," said market manager Sinéad Brennan. "What has changed is who can take part."

## Who benefits

The company says online bidding has increased the number of buyers at a typical auction from around 25 to more than 60, which tends to push up prices for the boats. Skippers have largely welcomed the change.

"A better price for the same catch means we can keep going," said Yavuz Erdem, who fishes for crab and lobster from a small boat based in the inner harbour. "Small boats like mine have been squeezed for years."

The new system has brought other changes:

- every lot now comes with a record of where and when it was caught;
- buyers can pay electronically and arrange collection by a local courier;
- unsold fish is offered to a food charity at the end of each auction.

> "The fish hasn't changed, the boats haven't changed, and the auctioneer's voice certainly hasn't changed."

Not all regular buyers are happy. Some traders who have attended the auction for decades say they miss the chance to inspect fish closely before bidding, and worry that larger wholesalers from outside the city will outbid local fishmongers.

Brennan said the market would keep the hall open to in-person buyers and would monitor whether local traders were losing out. "The auction belongs to Saltmere," she said. "We want it to help the city's fishmongers and restaurants, not replace them."

The company plans to publish monthly figures on prices and the number of buyers taking part.`,
    category: 'business',
    tags: ['Fishing', 'Harbour', 'Technology'],
    authors: ['marcus-hale'],
    daysAgo: 23,
    hour: 7,
  },
  {
    title: 'East Yard wins contract to build two research vessels',
    dek: "The order will secure around 300 jobs at Saltmere's last working shipyard for at least three years.",
    body: `Saltmere's East Yard has won a contract to build two ocean research vessels, securing work for around 300 people at the city's last working shipyard for at least three years.

The ships, each about 60 metres long, have been ordered by a consortium of universities and marine science institutes and will be used to study ocean currents, fisheries and the seabed. They will have laboratories, a launch system for underwater robots and accommodation for up to 30 scientists and crew.

The contract is the largest the yard has won in more than a decade. Its value has not been disclosed, but industry analysts estimate it at well over £100 million.

"This is a good day for the yard and a good day for Saltmere," said managing director Aisha Karimi. "It shows that skilled shipbuilding still has a future here, and that we can compete for complex, high-value work."

## Apprentices and local suppliers

The yard has committed to taking on 40 new apprentices over the life of the contract, in trades including welding, electrical engineering and pipefitting. It also says it will buy as much as possible from local firms.

Union representatives welcomed the news after a difficult few years in which the yard relied on repair work and smaller orders. "Our members have kept their skills sharp through some lean times," said Gareth Moyo of the shipbuilders' union. "Now they have the chance to show what they can do."

Work on the first vessel is expected to begin with steel cutting in about six months. Key milestones include:

- steel cutting and assembly of the first hull sections;
- launch of the first vessel, expected in about two years;
- delivery of both ships within three and a half years.

> "It shows that skilled shipbuilding still has a future here."

Scientists involved in the project said they were pleased the ships would be built close to the waters where some of their equipment will be tested. The consortium chose the yard partly because of its experience with hybrid propulsion systems, which will allow the vessels to run quietly on battery power while taking sensitive measurements.

**Update:** This article has been updated to include comments from the shipbuilders' union.`,
    category: 'business',
    tags: ['Shipbuilding', 'Jobs', 'Research'],
    authors: ['marcus-hale'],
    daysAgo: 63,
    hour: 11,
    updatedHoursLater: 6,
    image: {
      hue: 220,
      motif: 'skyline',
      alt: "Abstract illustration of navy-blue shipyard cranes and a ship's hull forming a skyline",
      caption: 'East Yard will build two 60-metre research vessels.',
      credit: CREDIT,
    },
  },
  {
    title: 'Co-working space opens in the old customs house',
    dek: 'The listed building on Customs House Square had stood empty for eight years before its restoration.',
    body: `The old customs house on Customs House Square, one of Saltmere's most recognisable buildings, has reopened as a co-working space after eight years standing empty.

The Long Room, as the new venture is called after the building's grand first-floor hall, offers desks, meeting rooms and small private offices for freelancers, start-ups and community organisations. About 120 people have already signed up as members.

The building was completed in the 1840s to collect duties on goods arriving by sea. After customs work moved to the container port, it was used as council offices until those were consolidated elsewhere. Since then it has been used only occasionally for exhibitions and film shoots.

## Restoration

The company behind the project, Quayside Workspaces, took on the building from the council on a 25-year lease in exchange for paying for its restoration. Work included repairing the roof, restoring the original plasterwork in the Long Room and installing a lift so that every floor is accessible.

"We wanted people to feel that they were working somewhere with a story," said co-founder Kemal Aksoy. "This room once echoed with merchants arguing about the price of tea and tobacco. Now it echoes with people arguing about software."

The building also includes:

- a ground-floor café open to the public;
- a free community room that local groups can book in the evenings;
- a small exhibition about the history of the customs service in Saltmere.

> "This room once echoed with merchants arguing about the price of tea and tobacco."

Membership prices start at £95 a month for occasional desk use. Quayside Workspaces says it offers discounted memberships for charities and for people starting a business after a period of unemployment.

Heritage groups, who had warned that the building was deteriorating, said they were relieved. "An empty building is a building at risk," said Pauline Gray of the Saltmere Civic Society. "It is wonderful to see lights on in those windows again."

Some local business owners have questioned whether the city needs another co-working space, with two others already operating within a ten-minute walk. Aksoy said demand had been strong and that the building's character set it apart.`,
    category: 'business',
    tags: ['Property', 'Heritage', 'Small Business'],
    authors: ['marcus-hale', 'nadia-haddad'],
    daysAgo: 88,
    hour: 9,
  },
  {
    title: 'Small shops report steady trading despite rising rents',
    dek: 'A survey of 200 independent retailers finds most are holding on, but many fear their next rent review.',
    body: `Most of Saltmere's independent shops are trading steadily despite rising costs, but many fear that their next rent review could push them out, according to a new survey by the city's chamber of commerce.

The chamber asked 200 independent retailers, from bakers and florists to hardware stores and bookshops, about their sales, costs and plans for the coming year. The results suggest a sector that is surviving rather than thriving.

"The good news is that people in Saltmere still want to shop locally," said chamber chief executive Lucy Harrington. "The worry is that the economics are getting harder every year, and rent is the biggest single pressure."

## Key findings

According to the survey:

- 62 per cent of shops said sales were similar to or higher than a year ago;
- 48 per cent said their rent had risen by more than 10 per cent at their last review;
- one in five said they were considering moving to a smaller unit or closing within two years;
- energy costs were the second most common concern, after rent.

Shops in Little Kadıköy and on Ferry Hill reported the strongest trading, which the chamber linked to the popular night market and busy ferry traffic. Businesses on the edges of the city centre, particularly on Market Street, reported the weakest.

Gökhan Polat, who runs a hardware shop on Market Street, said footfall had fallen since two large chain stores nearby closed. "People used to come into town for the big shops and then pop in here for screws and light bulbs," he said. "Now there are fewer reasons to come at all."

> "People in Saltmere still want to shop locally. The worry is that the economics are getting harder every year."

## Calls for action

The chamber has asked the council to consider measures including a temporary reduction in business rates for independent shops, a public register of empty units, and a scheme to match landlords of vacant premises with new businesses on short-term leases.

The council said it was studying the survey and would respond formally at the next meeting of its economy committee. Several landlords contacted by the Gazette said rising property costs, insurance and interest rates were also affecting them.`,
    category: 'business',
    tags: ['Small Business', 'Economy', 'Retail'],
    authors: ['marcus-hale'],
    daysAgo: 145,
    hour: 16,
  },

  // --------------------------------------------------------------- Culture
  {
    title: 'أضواء الميناء: مهرجان ثقافي يجمع أهل المدينة على الرصيف القديم',
    dek: 'ثلاث ليالٍ من الموسيقى والشعر والطعام حوّلت الرصيف القديم في سالتمير إلى ساحة احتفال مفتوحة للجميع.',
    body: `اختتم مهرجان «أضواء الميناء» مساء الأحد دورته الأولى على الرصيف القديم في مدينة سالتمير، بعد ثلاث ليالٍ من الحفلات الموسيقية والقراءات الشعرية وأكشاك الطعام التي استقطبت آلاف الزوار من مختلف أحياء المدينة.

ونظّمت المهرجانَ جمعيةُ الجاليات العربية في المدينة بالتعاون مع إدارة الميناء والمكتبة المركزية، بهدف تعريف السكان بالثقافة العربية وتقريب الجيران بعضهم من بعض.

## برنامج متنوّع

وتضمّن البرنامج:

- حفلات لفرق محلية تمزج العود والإيقاعات الشعبية بالموسيقى الحديثة؛
- أمسيات شعرية باللغتين العربية والإنجليزية؛
- ورشًا للخط العربي للأطفال والكبار؛
- سوقًا للأطعمة يقدّم المعجّنات والقهوة والحلويات التقليدية.

وقالت رئيسة اللجنة المنظمة، السيدة سلمى العلي، إن الإقبال فاق كل التوقعات. وأضافت: «رأينا عائلات من كل الخلفيات تجلس إلى الطاولات نفسها وتستمع إلى الموسيقى نفسها».

> «أردنا أن يكون الميناء بيتًا للجميع، ولو لثلاث ليالٍ».

وأعلنت إدارة الميناء أنها ستدرس إمكانية تحويل المهرجان إلى حدث سنوي، فيما دعا عدد من أصحاب المحالّ المجاورة إلى تمديده ليشمل عطلة نهاية أسبوع كاملة في الدورة المقبلة، مؤكدين أن حركة البيع تضاعفت خلال أيام المهرجان.`,
    category: 'culture',
    tags: ['Festivals', 'Harbour', 'Arabic'],
    authors: ['nadia-haddad'],
    daysAgo: 9,
    hour: 19,
    lang: 'ar',
    image: {
      hue: 280,
      motif: 'sun',
      alt: 'رسم تجريدي لشمس بنفسجية تغرب فوق الميناء تتدلّى منها فوانيس ملوّنة',
      caption: 'فوانيس المهرجان على الرصيف القديم في سالتمير.',
      credit: 'رسم توضيحي: هاربر غازيت',
    },
    comments: [
      {
        key: 'c1',
        name: 'Karim Mansour',
        email: 'karim.mansour@example.com',
        body: 'أمسيات رائعة حقًا، ونتمنى أن يصبح المهرجان تقليدًا سنويًا في المدينة.',
        minutesAfter: 120,
      },
    ],
  },
  {
    title: 'Saltmere Players stage a harbour-town Hamlet',
    dek: "Shakespeare's Danish court moves to a fog-bound fishing port in an ambitious production at the Lantern Theatre.",
    body: `There is fog on the stage of the Lantern Theatre before a single word is spoken. It rolls across a set made of stacked fish crates, tarred ropes and a single lamp post, and by the time the first watchman calls out, the audience can already feel the damp.

The Saltmere Players, the city's long-running amateur company, have moved Hamlet from the Danish royal court to a fading fishing port, and the result is one of the most confident productions they have staged in years. Elsinore becomes a harbour town run by a powerful family who own the boats, the fish market and most of the people in it.

## A prince in oilskins

Director Şebnem Aydoğan has kept almost all of Shakespeare's text while changing nearly everything around it. Claudius is a harbour boss in a good coat, doing deals in the back of the market hall. Polonius is his harbourmaster, forever counting. The players who arrive in the second act are a travelling band of buskers who step off the ferry with their instruments.

At the centre is 24-year-old Jonah Amis as Hamlet, a young man in oilskins who has come home from university to find his world rearranged. Amis is not a showy actor, which suits the production. His soliloquies are spoken quietly, often while mending nets, as if he is thinking aloud rather than performing.

Other highlights include:

- Mira Castell's Ophelia, whose final scenes are staged at the water's edge with unsettling simplicity;
- a gravedigger scene relocated to a boatyard, played for warm laughs by veteran Players member Alan Pryce;
- live music from a trio playing accordion, fiddle and bağlama, the long-necked Turkish lute.

> Elsinore becomes a harbour town run by a powerful family who own the boats, the fish market and most of the people in it.

Not everything works. The second half sags a little, and the final duel, fought with boat hooks, is more awkward than thrilling. But these are small complaints about a production full of ideas, performed with real commitment.

It also feels rooted in Saltmere in a way that touring productions rarely manage. Many in the audience on opening night clearly recognised the fish crates, and possibly the fish market politics.

Hamlet runs at the Lantern Theatre until the end of next week. Tickets are pay-what-you-can on Tuesday evenings.`,
    category: 'culture',
    tags: ['Theatre', 'Reviews', 'Arts'],
    authors: ['gulsen-ince'],
    daysAgo: 31,
    hour: 21,
    image: {
      hue: 240,
      motif: 'waves',
      alt: 'Abstract illustration of deep indigo waves under a foggy sky, suggesting a theatre stage set',
      caption: "The Saltmere Players' Hamlet is set in a fog-bound fishing port.",
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Greta Lindqvist',
        email: 'greta.lindqvist@example.org',
        website: 'https://greta-sails.example',
        body: 'Saw it on Tuesday and loved the music. The bağlama in the funeral scene gave me goosebumps.',
        minutesAfter: 300,
      },
      {
        key: 'c2',
        parent: 'c1',
        name: 'Hannah Brook',
        email: 'hannah.brook@example.org',
        body: "Same here! I've booked again so my parents can see it.",
        minutesAfter: 420,
      },
    ],
  },
  {
    title: 'Çini workshop in Little Kadıköy draws a waiting list',
    dek: 'A tile-painting studio run by a ceramicist trained in İznik is teaching residents the patient art of Turkish çini.',
    body: `On a Thursday evening in a converted shopfront on Anchor Street, eight people sit in silence around a long table, each holding a fine brush and a white tile. The only sounds are a radio playing quietly in the corner and the occasional sigh when a line goes wrong.

This is the çini class run by Gülay Tekin, a ceramicist who trained in İznik, the Turkish town famous for its centuries-old tradition of painted tiles. She opened her studio in Little Kadıköy two years ago, and her evening classes now have a waiting list of more than 80 people.

"Çini teaches patience," she said. "You cannot rush the outline, you cannot rush the colour, and you cannot rush the kiln. People come here after stressful days at work and for two hours they think about nothing except a tulip."

## From outline to glaze

Students start by tracing traditional patterns onto paper before transferring them to tiles with charcoal dust. They then paint the outlines in a dark pigment before filling in the colours: cobalt blue, turquoise, green and the tomato red that is characteristic of the finest İznik work.

A typical course covers:

- the history of İznik tiles and the meanings of common motifs such as tulips, carnations and the çintemani;
- tracing and pouncing designs onto tiles;
- outlining and colouring with traditional mineral pigments;
- glazing and firing, with students collecting their finished tiles a week later.

> "People come here after stressful days at work and for two hours they think about nothing except a tulip."

The students come from many backgrounds. Some have Turkish family roots and say the classes connect them with a heritage they grew up seeing on the walls of mosques and in their grandparents' homes. Others simply wanted to learn something new.

"I had never heard of çini before I walked past the window," said Peter Lund, a retired postman. "Now my kitchen wall is slowly filling up with wonky tulips, and I'm very proud of every one."

Tekin plans to add weekend classes for children and a pottery course for more advanced students. She also hopes to create a public tile panel for Little Kadıköy, designed and painted by people from the neighbourhood.

**Update:** This article has been updated to correct the spelling of Gülay Tekin's name.`,
    category: 'culture',
    tags: ['Crafts', 'Little Kadıköy', 'Türkiye'],
    authors: ['gulsen-ince'],
    daysAgo: 69,
    hour: 13,
    updatedHoursLater: 20,
    image: {
      hue: 200,
      motif: 'grid',
      alt: 'Abstract illustration of a blue and white grid of tile patterns with tulip and carnation motifs',
      caption: 'Students at the Anchor Street studio learn traditional İznik motifs.',
      credit: CREDIT,
    },
  },
  {
    title: 'Old Quay cinema to reopen after crowdfunding success',
    dek: 'More than 3,400 residents chipped in to save the 1930s Regal, which closed its doors four years ago.',
    body: `The Regal, the art deco cinema on Old Quay that closed four years ago, will reopen after a community crowdfunding campaign raised more than £620,000 from over 3,400 supporters.

The campaign, run by the Friends of the Regal, reached its target on Sunday evening, a day ahead of its deadline. Supporters gathered outside the boarded-up building to count down the final pounds on a projector screen borrowed from a local school.

"Somebody said we were mad to try," said campaign organiser Deniz Çakır, a film teacher at Saltmere College. "Maybe we were. But everybody in this city has a memory of this building: a first date, a birthday, hiding from the rain. People didn't want to lose that."

## The plan

The Friends of the Regal will buy the building from its current owner and run it as a community-owned cinema. The money raised, together with a heritage grant and a loan from a social investment fund, will pay for:

- repairs to the roof and the distinctive curved facade;
- two screens, including the restored main auditorium with 300 seats;
- a bar and café on the ground floor;
- a small education room for film clubs and school visits.

The cinema will show new releases alongside classic films, foreign-language cinema and regular screenings for parents with babies and for people living with dementia.

> "Everybody in this city has a memory of this building: a first date, a birthday, hiding from the rain."

The Regal opened in 1936 and, at its peak, sold more than 8,000 tickets a week. Like many town-centre cinemas, it struggled as audiences moved to multiplexes, and it closed after its last operator went out of business.

Local historian Wendy Moss, who has collected photographs of the cinema spanning seven decades, said the building was one of the best surviving examples of its style in the region. "The original light fittings are still there under the dust," she said.

The Friends hope to open the doors within eighteen months. Supporters who donated above a set amount will have their names engraved on a board in the foyer.`,
    category: 'culture',
    tags: ['Film', 'Heritage', 'Community'],
    authors: ['gulsen-ince', 'nadia-haddad'],
    daysAgo: 108,
    hour: 18,
    image: {
      hue: 350,
      motif: 'skyline',
      alt: 'Abstract illustration of a red art deco cinema facade against a dark skyline',
      caption: 'The Regal on Old Quay has been closed for four years.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Olu Adeyemi',
        email: 'olu.adeyemi@example.net',
        body: 'Saw my first film here as a kid. Donated the day the campaign launched!',
        minutesAfter: 30,
      },
      {
        key: 'c2',
        name: 'Margaret Ellis',
        email: 'm.ellis@example.org',
        body: 'Please keep the dementia-friendly screenings. My mother would love to see the old musicals on a big screen again.',
        minutesAfter: 80,
      },
      {
        key: 'c3',
        parent: 'c2',
        name: 'Deniz Çakır',
        email: 'deniz@friendsoftheregal.example',
        website: 'https://friendsoftheregal.example',
        body: 'Thank you, Margaret. They are already in the plan, and we would love volunteers to help run them.',
        minutesAfter: 200,
      },
    ],
  },
  {
    title: 'Poetry on the buses: twelve local writers chosen',
    dek: 'Short poems about the city will appear on 200 buses, with entries in six languages.',
    body: `Passengers on Saltmere's buses will soon find something different to read above the windows: short poems about the city, written by local people.

Twelve poets have been chosen for the Lines on the Move project, which will display their work on 200 buses for a year. The poems were selected from almost 900 entries submitted by residents of all ages, from a seven-year-old in Northgate to a 91-year-old former dock worker.

The project is a partnership between the Harbour Transport Authority, the Central Library and the Saltmere Writers' Circle. Entries were welcome in any language, and the final selection includes poems in English, Turkish, Arabic, Polish, Somali and Portuguese, each displayed with an English translation.

"Buses are one of the few places where people from every part of the city sit side by side," said the project's curator, poet Claire Mbeki. "We wanted them to look up from their phones and find a few lines about the place they are travelling through."

## The chosen poems

The selected poems range widely in subject and tone. Among them:

- a four-line poem about the first ferry of the morning, by a harbour pilot;
- a Turkish poem by Nilüfer Şen about her grandmother's garden in Üsküdar Row;
- a piece about waiting at a bus stop in the rain, written by a class of ten-year-olds;
- a short love poem to the city's seagulls, which the judges described as "unexpectedly moving".

> "We wanted them to look up from their phones and find a few lines about the place they are travelling through."

Nilüfer Şen, who works as a pharmacist, said she had never shared her poetry publicly before. "I wrote it in Turkish because that is the language my grandmother spoke to me in," she said. "The translation is good, but the Turkish version is the one that sounds like her voice."

The poems will appear on buses from next month. A booklet of all twelve, along with a selection of commended entries, will be available free from libraries.

The organisers hope to run the project again, and say they would like to add poems to ferries and bus shelters in future.`,
    category: 'culture',
    tags: ['Poetry', 'Arts', 'Buses'],
    authors: ['nadia-haddad'],
    daysAgo: 152,
    hour: 12,
  },
  {
    title: "Orchestra's free concerts move to the fish market hall",
    dek: 'The Saltmere Sinfonia will play its lunchtime series among the ice boxes while its usual venue is closed for repairs.',
    body: `The Saltmere Sinfonia's popular free lunchtime concerts will take place in an unusual venue this season: the city's fish market hall.

The orchestra's usual home, the Assembly Rooms, is closed for repairs to its roof and heating system. Rather than cancel its free series, the orchestra approached the fish market company, which agreed to let the musicians use the hall after the morning auction finishes and the floor has been cleaned.

"It is a magnificent space acoustically," said the orchestra's principal conductor, Ozan Bilgin. "It was built with a high roof so that the auctioneers' voices would carry, and it turns out it does the same for a string section."

## The smell of the sea

Musicians admitted that rehearsals had taken some adjustment. The hall is cold, the floor is often still damp and there is, as one violinist put it, "a lingering aroma of the morning's catch".

The orchestra has made several changes for the venue:

- concerts will start at 1pm, after the hall has been cleaned and aired;
- programmes are shorter, about 45 minutes, with no interval;
- seating is on upturned fish crates, with cushions provided by volunteers;
- blankets will be available for anyone who feels the cold.

> "It was built with a high roof so that the auctioneers' voices would carry, and it turns out it does the same for a string section."

The first concert will feature music by Vivaldi, Elgar and the Turkish composer Ahmed Adnan Saygun, alongside a new piece by a young Saltmere composer inspired by the sounds of the harbour.

Fish market workers have been invited to attend, and several said they planned to stay on after their shifts. "We have been listening to them rehearse all week," said porter Danny Whelan. "Some of the lads have started whistling Vivaldi while they hose down the floor."

The free concerts usually attract around 250 people. This season the orchestra will cap audiences at 200 because of space. Tickets are not needed, but the orchestra advises arriving early.`,
    category: 'culture',
    tags: ['Music', 'Harbour', 'Arts'],
    authors: ['gulsen-ince'],
    daysAgo: 192,
    hour: 15,
  },

  // ----------------------------------------------------------------- Sport
  {
    title: 'Harbour Rowing Club crews sweep regional regatta',
    dek: "Saltmere's oldest sports club won seven of the ten finals it entered, including its first women's eight title in 20 years.",
    body: `Harbour Rowing Club enjoyed one of the most successful days in its 140-year history on Saturday, winning seven of the ten finals it entered at the regional regatta.

The highlight was a win in the senior women's eight, a title the club had not won for two decades. The crew led from the start and held off a strong challenge from the university in the final 500 metres to win by just under a length.

"We talked about this race all winter," said stroke Hande Yücel, 26, a physiotherapist who took up rowing five years ago. "We knew if we were still in front at the bridge, they would have to do something special to catch us. They tried, but we had a little left."

## Results in full

Harbour Rowing Club's winners were:

- senior women's eight;
- senior men's coxless four;
- women's masters double sculls;
- men's junior quad sculls;
- women's junior single sculls, won by 16-year-old Lily Achebe;
- mixed adaptive double sculls;
- men's masters eight.

> "We knew if we were still in front at the bridge, they would have to do something special to catch us."

Head coach Martin Sørensen said the results reflected the work put into the junior programme over the last few years. Several of the winning senior rowers first came to the club through its free taster sessions for local schools.

"Five years ago we struggled to fill a junior eight," he said. "Now we have a waiting list. That is the real success story."

The club's boathouse on Harbour Road is more than a century old, and members are raising money to repair the slipway and buy new boats. The regatta wins, Sørensen said, should help to show sponsors what the club can do.

Lily Achebe, the youngest winner on the day, said she had only taken up sculling two years ago after a school taster session. "I fell in the water on my first day," she said. "I didn't expect to be standing on a podium."

Members will be back on the water at dawn on Monday to start preparations for the national championships, where the women's eight hope to reach the semi-finals.`,
    category: 'sport',
    tags: ['Rowing', 'Harbour Rowing Club'],
    authors: ['marcus-hale'],
    daysAgo: 19,
    hour: 17,
    image: {
      hue: 180,
      motif: 'waves',
      alt: 'Abstract illustration of turquoise waves with the long, thin shapes of rowing boats cutting through them',
      caption: 'Harbour Rowing Club won seven finals at the regional regatta.',
      credit: CREDIT,
    },
  },
  {
    title: 'Saltmere Half Marathon route changes to avoid Market Street works',
    dek: 'Runners will loop through Northgate instead of climbing Ferry Hill, with the finish moved to Customs House Square.',
    body: `The Saltmere Half Marathon will follow a new route this year because of major sewer replacement works on Market Street, organisers have announced.

The race, which attracts around 4,500 runners and thousands of spectators, traditionally starts outside City Hall, heads down Market Street to the harbour and follows the seafront before looping back through the city centre. With Market Street closed for at least another four months, organisers have redesigned the course.

"We looked at a dozen options," said race director Yasemin Aktaş. "This one keeps the harbour, keeps the crowds and avoids the worst hill, so we think most runners will be happy."

## The new route

Key changes include:

- the start moves from City Hall to Harbour Road, outside the rowing club;
- runners will loop through Northgate and along the riverside path before reaching the seafront;
- the finish moves to Customs House Square, which organisers say has more room for spectators;
- the course remains measured at 21.1 kilometres, so times will count for rankings.

> "This one keeps the harbour, keeps the crowds and avoids the worst hill."

Runners hoping to set personal bests will be pleased to hear that the new course is slightly flatter than the old one. The notorious climb up Ferry Hill, which has featured in every race since the event began, has been removed, although Aktaş said it would "almost certainly return" once the works are finished.

Residents of Northgate will see road closures from 7am until about 1pm on race day. Organisers will deliver letters to every affected household and have promised marshals at all crossings to help people get in and out of their streets where possible.

Local charities rely heavily on the race, which raised more than £400,000 for good causes last year. Organisers are encouraging runners to raise money for a charity of their choice and have set up a new cheering point in Northgate where community groups can collect donations.

Registration remains open, with a limited number of places available. Entry is free for members of Saltmere's running clubs who volunteer as marshals at another local race during the year.`,
    category: 'sport',
    tags: ['Running', 'Events', 'Roads'],
    authors: ['marcus-hale'],
    daysAgo: 52,
    hour: 6,
  },
  {
    title: 'Northgate Tide reach basketball league final',
    dek: 'A buzzer-beating three-pointer from captain Çağlar Aydın sent the Tide into their first final in club history.',
    body: `Northgate Tide are through to the national league final for the first time in their history after a three-pointer at the buzzer from Çağlar Aydın gave them a 78-77 win over Riverton Royals in a breathless semi-final on Saturday night.

With four seconds left and the Tide trailing by two, head coach Marisa Okonkwo called a timeout and drew up a play for her captain. Aydın came off a screen at the top of the key, caught the inbound pass and released the shot as the clock expired. The ball dropped through the net without touching the rim, and the Northgate Sports Centre erupted.

"I didn't see it go in," Aydın said afterwards, still wearing a towel and a huge grin. "I heard it. The noise told me everything."

## A long road

The Tide were founded twelve years ago by a group of parents who wanted to give teenagers in Northgate somewhere to play. They spent most of their first decade in the lower divisions, training in a school gym and travelling to away games in a borrowed minibus.

Their rise in the last three seasons has been built on:

- a youth programme that now runs teams for boys and girls from the age of nine;
- a core of home-grown players, including Aydın, who joined the club at 12;
- a small but devoted crowd, with home games regularly selling out the 900-seat sports centre.

> "I didn't see it go in. I heard it. The noise told me everything."

Okonkwo praised her team's resilience. The Tide trailed by 14 points at half-time and looked beaten until a run of 12 unanswered points at the start of the fourth quarter.

"We have a young team, and young teams can fall apart when things go against them," she said. "Tonight, they did the opposite. They got angry in the right way."

The final will be played at a neutral venue in two weeks' time against the defending champions, Eastport Mariners. The club has arranged coaches for supporters, and tickets are expected to sell quickly.

**Update:** This article was updated with comments from head coach Marisa Okonkwo.`,
    category: 'sport',
    tags: ['Basketball', 'Northgate Tide'],
    authors: ['marcus-hale'],
    daysAgo: 95,
    hour: 22,
    updatedHoursLater: 10,
    image: {
      hue: 25,
      motif: 'sun',
      alt: 'Abstract illustration of an orange sun drawn like a basketball rising over a simple court outline',
      caption: 'Northgate Tide will play in their first national league final.',
      credit: CREDIT,
    },
  },
  {
    title: 'Open-water swimmers call for better water quality data',
    dek: 'The harbour swimming group wants daily testing at the two beaches where hundreds of people swim all year round.',
    body: `Members of Saltmere's largest open-water swimming group have asked the city to test the water at its two most popular beaches every day, saying current monitoring is too infrequent to protect the hundreds of people who swim there all year round.

The Salty Dippers, who have more than 700 members, say water samples at Lighthouse Beach and Gull Cove are currently taken only once a week during the summer bathing season, and not at all for the rest of the year. Results are published several days after samples are taken.

"By the time we see the results, the water they tested has long since gone out on the tide," said Aylin Karaca, who founded the group six years ago. "We are not asking for perfection. We are asking for information we can use on the day we decide whether to get in."

## A growing sport

Open-water swimming has grown rapidly in Saltmere. What began as a small group of friends taking a dip before work now includes swimmers of all ages, many of whom keep swimming through the colder months.

The group has asked the city and the water company to:

- test water quality daily at both beaches, all year round;
- publish results online within 24 hours;
- install signs at the beaches showing when sewage overflows have been used nearby;
- fund research into the sources of pollution in the outer harbour.

> "By the time we see the results, the water they tested has long since gone out on the tide."

Several swimmers told the Gazette they had fallen ill after swimming following heavy rain, when storm overflows are most likely to discharge into the sea.

The water company said it was investing in upgrades to the overflows that serve the harbour and would consider installing real-time monitors. The city's environmental health team said it was discussing the request and would look at whether more frequent testing was affordable.

Dr Amara Osei of Saltmere University, who studies coastal water quality, said daily testing was technically possible. "New sensors can give an indication of risk within hours," she said. "They are not a substitute for laboratory tests, but they could help people make better decisions."`,
    category: 'sport',
    tags: ['Swimming', 'Water Quality', 'Harbour'],
    authors: ['gulsen-ince', 'marcus-hale'],
    daysAgo: 138,
    hour: 9,
  },
  {
    title: 'Sailing school offers free lessons to 200 pupils, from Üsküdar Row to Northgate',
    dek: 'Children from every primary school in the city will learn to sail in the inner harbour over the next year.',
    body: `Two hundred primary school pupils will learn to sail for free over the next year, thanks to a scheme launched by the Saltmere Sailing School and funded by a local charitable trust.

Every primary school in the city has been offered places for ten children in their final year. The pupils will take part in six weekly sessions in the sheltered inner harbour, learning to rig small dinghies, steer, tack and, perhaps most importantly, capsize and right their boats safely.

"So many children in Saltmere grow up looking at the water every day without ever being on it," said sailing school principal Ruth Adeyinka. "We want to change that. The harbour belongs to them as much as anyone."

## Safety first

All pupils will be given wetsuits, buoyancy aids and helmets, and each boat will be accompanied by a qualified instructor in a safety boat. Sessions will be cancelled if the wind is too strong.

The programme includes:

- a swimming assessment at the local pool before the first session;
- basic knots, the parts of a boat and the rules of the water;
- sailing in pairs, before moving on to single-handed dinghies;
- a final mini-regatta, with parents and teachers invited to watch from the quay.

> "So many children in Saltmere grow up looking at the water every day without ever being on it."

Schools say the scheme will particularly benefit children whose families could not afford sailing lessons. Sevda Ekinci, head teacher at Üsküdar Row Primary, said several of her pupils had never been on a boat. "Some of them have never even been on the ferry," she said. "This will open their eyes."

The trust has committed funding for three years. The sailing school hopes that children who enjoy the sessions will join its weekend youth club, which offers reduced fees for families on low incomes.

The sailing school is also recruiting volunteers to help on the pontoon and in the safety boats. Volunteers do not need to be experienced sailors, though they must complete a short training course covering first aid and water safety.`,
    category: 'sport',
    tags: ['Sailing', 'Young People', 'Harbour'],
    authors: ['marcus-hale'],
    daysAgo: 176,
    hour: 11,
  },

  // -------------------------------------------------------------- Football
  {
    title: 'Ten-man Saltmere Athletic hold leaders Portbridge to goalless draw',
    dek: 'Goalkeeper Sam Ferreira made three superb saves as Athletic earned a point against the league leaders.',
    body: `Saltmere Athletic produced their most resilient performance of the season to hold league leaders Portbridge City to a 0-0 draw at Harbour Park on Saturday, despite playing the final 35 minutes with ten men.

The hosts were reduced to ten when midfielder Kaan Şimşek received a second yellow card for a late challenge in the 55th minute. From then on, Portbridge dominated possession, but they found Athletic goalkeeper Sam Ferreira in inspired form.

Ferreira's best save came in the 78th minute, when he pushed a curling free kick from Portbridge's top scorer onto the post. Minutes later he blocked a close-range header with his legs, and in stoppage time he tipped a long-range shot over the bar.

"It's the kind of day a goalkeeper dreams about," Ferreira said. "But the lads in front of me were blocking everything as well. It was a team clean sheet, not mine."

## Tactical discipline

Athletic manager Graham Ives had set up his side to be compact, and the plan worked well even before the red card. Portbridge created few clear chances in the first half, while Athletic threatened on the break, with winger Theo Mbatha forcing a good save shortly before the interval.

Key moments:

- 31st minute: Mbatha's low shot saved at the near post;
- 55th minute: Şimşek sent off for a second booking;
- 78th minute: Ferreira turns a free kick onto the post;
- 90+3 minutes: Ferreira tips a long shot over the bar.

> "It was a team clean sheet, not mine."

Ives was frustrated by the red card but proud of his players' response. "We showed what we are capable of," he said. "We defended with our hearts and our heads. Against the best team in the league, with ten men, I'll take a point every time."

The result leaves Athletic seventh in the table, four points outside the play-off places with eight games remaining. Şimşek will serve a one-match suspension and miss Tuesday's trip to Westholme.

A crowd of 6,214 watched the match, the largest at Harbour Park this season.`,
    category: 'football',
    tags: ['Saltmere Athletic', 'Football', 'Match Report'],
    authors: ['marcus-hale'],
    daysAgo: 3,
    hour: 21,
    image: {
      hue: 110,
      motif: 'grid',
      alt: 'Abstract illustration of a green football pitch drawn as a grid with a white goal frame',
      caption: 'Saltmere Athletic kept a clean sheet against the league leaders at Harbour Park.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Kerem Güneş',
        email: 'kerem.gunes@example.net',
        body: 'Ferreira was unbelievable. Player of the season, no question.',
        minutesAfter: 15,
      },
      {
        key: 'c2',
        parent: 'c1',
        name: 'Olu Adeyemi',
        email: 'olu.adeyemi@example.net',
        body: 'Agreed, though Şimşek needs to learn when not to dive in.',
        minutesAfter: 40,
      },
      {
        key: 'c3',
        parent: 'c2',
        name: 'Kerem Güneş',
        email: 'kerem.gunes@example.net',
        body: "Fair, but he's 19. He'll learn. His passing in the first half was class.",
        minutesAfter: 70,
      },
      {
        key: 'c4',
        name: 'Tomás Reyes',
        email: 'tomas.reyes@example.net',
        website: 'https://tomasrows.example',
        body: 'Best atmosphere at Harbour Park in years. More of this, please.',
        minutesAfter: 130,
      },
    ],
  },
  {
    title: "Elif Doğan's late header sends Athletic Women into cup final",
    dek: 'The captain rose highest in the 88th minute to settle a tense semi-final against higher-league Eastport.',
    body: `Captain Elif Doğan headed Saltmere Athletic Women into the county cup final for the first time with an 88th-minute winner against Eastport on Sunday afternoon.

With the semi-final locked at 1-1 and extra time looming, Athletic won a corner on the right. Substitute Grace Mensah swung in a deep cross, and Doğan rose above two defenders at the back post to send a firm header past the goalkeeper and into the far corner.

"I just kept telling myself to attack the ball," said Doğan, a 27-year-old primary school teacher who has played for the club since she was 14. "When I saw it hit the net, I didn't know where to run. I think I ended up hugging the physio."

## A tense afternoon

Eastport, who play in a division above Athletic, took the lead in the 20th minute through a well-worked move down the left. Athletic responded with energy and equalised before half-time when striker Amy Holloway turned sharply in the box and fired into the roof of the net.

The second half was tight, with chances at both ends. Athletic goalkeeper Jess Parry made a superb save in the 70th minute to keep the score level.

Match summary:

- 20th minute: Eastport take the lead;
- 41st minute: Holloway equalises for Athletic;
- 70th minute: Parry saves at full stretch;
- 88th minute: Doğan's winning header.

> "When I saw it hit the net, I didn't know where to run. I think I ended up hugging the physio."

Manager Rachel Stone said the win was a reward for a squad that trains three evenings a week around full-time jobs and studies. "Nobody in this squad is paid to play," she said. "They do it because they love it, and today they showed how much."

The club has seen its crowds grow steadily this season, with more than 900 people attending the semi-final at Harbour Park. Athletic hope to take a large following to the final, which will be played next month.

The men's first team, who were watching from the stands, formed a guard of honour as the players left the pitch.`,
    category: 'football',
    tags: ['Saltmere Athletic Women', 'Football', 'Cup'],
    authors: ['marcus-hale', 'nadia-haddad'],
    daysAgo: 41,
    hour: 20,
  },
  {
    title: 'Athletic unveil designs for new south stand at Harbour Park',
    dek: 'The 3,000-seat stand would include a community fitness centre and a public rooftop garden, but still needs planning permission.',
    body: `Saltmere Athletic have unveiled plans for a new south stand at Harbour Park, which would increase the ground's capacity to around 10,000 and include a community fitness centre and a rooftop garden.

The club says the stand, which would replace the crumbling terrace that has stood on the site since the 1950s, is essential to its long-term future. The terrace has been partially closed for two seasons after engineers found cracks in its concrete steps.

"Harbour Park is where this club belongs, and we want to invest in it rather than leave," said chairman Ahmet Yurt. "This stand is designed to be used seven days a week, not just on match days."

## What is proposed

The designs, produced by a local architecture practice, show:

- 3,000 seats, including a family section and improved wheelchair spaces;
- a ground-floor health and fitness centre for community use;
- a rooftop garden, open to the public, growing vegetables for local food banks;
- solar panels and a rainwater collection system.

> "This stand is designed to be used seven days a week, not just on match days."

The club estimates the cost at around £18 million, which it plans to fund through a combination of loans, a community share offer and the sale of a small piece of land it owns near the training ground.

Residents living near the ground have been invited to exhibitions at the club over the next two weeks. Some have already raised concerns about traffic and parking on match days, which they say are already a problem.

"We love having the club here," said Fatma Güler, who has lived on Stadium Road for 30 years. "But on Saturdays we can't get our own cars out. If the crowd gets bigger, something has to change."

The club says it will produce a travel plan encouraging supporters to walk, cycle or use buses and ferries, and is talking to the transport authority about extra services on match days.

A planning application is expected to be submitted in the coming months. If approved, construction could start at the end of next season, with the stand opening about eighteen months later.`,
    category: 'football',
    tags: ['Saltmere Athletic', 'Football', 'Planning'],
    authors: ['marcus-hale', 'selin-kalin'],
    daysAgo: 122,
    hour: 14,
    image: {
      hue: 140,
      motif: 'skyline',
      alt: 'Abstract illustration of a green stadium stand rising like a skyline, with a garden on its roof',
      caption: "The proposed south stand would raise Harbour Park's capacity to around 10,000.",
      credit: CREDIT,
    },
  },

  // ------------------------------------------------- Science & Environment
  {
    title: 'Seagrass meadows return to the inner harbour, survey finds',
    dek: 'Divers have recorded the largest area of seagrass in Saltmere harbour since records began, a sign that cleaner water is making a difference.',
    body: `Seagrass meadows are spreading across the floor of Saltmere's inner harbour for the first time in decades, according to a survey by marine scientists and volunteer divers.

The survey, carried out by Saltmere University's marine ecology group with the help of the Harbour Divers' Club, found seagrass covering about 4.2 hectares of the harbour bed, almost double the area recorded five years ago. The meadows are concentrated in the sheltered shallows near the rowing club and the old lifeboat slip.

"When I started diving here as a student, you could swim the whole inner harbour and see nothing but mud," said Dr Ceren Yalçın, who led the survey. "Now there are places where the seagrass is so thick you can't see the bottom. It's genuinely thrilling."

## Why it matters

Seagrass is one of the most valuable habitats in coastal waters. It provides shelter for young fish, seahorses and crabs, stabilises sediment and absorbs carbon from the water.

Scientists believe several changes have helped the meadows recover:

- upgrades to the city's sewage treatment works, which have reduced nutrient pollution;
- a ban on anchoring in the shallows, introduced by the harbour authority;
- eco-moorings that hold boats without dragging chains across the seabed;
- small-scale replanting by volunteers using seeds collected from healthy meadows.

> "Now there are places where the seagrass is so thick you can't see the bottom."

The survey also recorded the first sighting of a short-snouted seahorse in the harbour in more than 20 years, photographed by a volunteer diver near the lifeboat slip.

Yalçın warned that the recovery was fragile. Seagrass is sensitive to poor water quality, and a single season of heavy pollution could undo years of progress. She urged the city to keep investing in water treatment and to extend the no-anchoring zone.

The harbour authority said it would consider the recommendations and was already looking at installing more eco-moorings. The research team plans to repeat the survey every two years and is looking for more volunteer divers to help.`,
    category: 'science',
    tags: ['Marine Life', 'Harbour', 'Water Quality'],
    authors: ['gulsen-ince'],
    daysAgo: 15,
    hour: 10,
    image: {
      hue: 150,
      motif: 'waves',
      alt: 'Abstract illustration of green seagrass blades swaying beneath stylised blue waves',
      caption: 'Seagrass now covers about 4.2 hectares of the inner harbour bed.',
      credit: CREDIT,
    },
    comments: [
      {
        key: 'c1',
        name: 'Hannah Brook',
        email: 'hannah.brook@example.org',
        website: 'https://hannahbrook.example',
        body: "This is the best news I've read all year. Well done to the volunteer divers.",
        minutesAfter: 25,
      },
      {
        key: 'c2',
        name: 'Yusuf Çelik',
        email: 'yusuf.celik@example.com',
        body: 'A seahorse in Saltmere! My kids will be thrilled.',
        minutesAfter: 70,
      },
      {
        key: 'c3',
        parent: 'c2',
        name: 'Ines Moreau',
        email: 'ines.moreau@example.org',
        body: "We saw a photo of it at the divers' club open day. Look but don't touch!",
        minutesAfter: 130,
      },
    ],
  },
  {
    title: 'Air quality sensors reveal pollution hotspots near ferry terminal',
    dek: 'A network of 60 low-cost sensors has given residents a street-by-street picture of the air they breathe.',
    body: `A network of low-cost air quality sensors installed by residents across Saltmere has identified several pollution hotspots, with the highest readings recorded near the ferry terminal and the container port gate.

The Clean Air Saltmere project, run by a group of residents with support from the university, has installed 60 sensors on homes, schools and shops across the city over the last year. The devices measure fine particles, known as PM2.5, which are small enough to be breathed deep into the lungs and are linked to heart and lung disease.

"Official monitoring in Saltmere relies on three stations," said project co-ordinator Burak Şahin, a software engineer who lives near the ferry terminal. "That tells you something about the city as a whole, but nothing about your street, your children's school or the bus stop where you wait every morning."

## What the sensors found

The first year of data shows:

- the highest average readings near the ferry terminal, where diesel ferries idle while loading;
- sharp peaks near the container port gate during the morning rush of lorries;
- lower levels on streets near parks and the seafront, especially on windy days;
- a noticeable rise across the city on cold, still evenings when many homes burn wood.

> "That tells you something about the city as a whole, but nothing about your street."

Researchers cautioned that low-cost sensors are less precise than official monitoring equipment. The university team has compared the devices with the official stations and adjusted the data to correct for known errors.

"These sensors are not perfect, but the patterns they show are consistent and plausible," said Dr Tobias Lindgren, an atmospheric scientist who advised the project. "They are very good at telling you where to look more closely."

The findings come as the Harbour Transport Authority prepares to replace its diesel ferries with electric vessels. Residents near the terminal said they hoped the change would make a noticeable difference and asked the city to install an official monitoring station nearby to track it.

The city's environmental health team said the project's data was "a useful contribution" and that it would discuss the request for an additional station.`,
    category: 'science',
    tags: ['Air Quality', 'Ferries', 'Health'],
    authors: ['gulsen-ince'],
    daysAgo: 82,
    hour: 8,
  },
  {
    title: 'Meet the citizen scientists counting harbour porpoises',
    dek: 'From the end of the breakwater, volunteers with binoculars and clipboards have built one of the longest porpoise records in the region.',
    body: `At eight o'clock on a grey Sunday morning, the end of Saltmere's breakwater is not an obvious place to spend the weekend. The wind is cold, the spray is bitter and there is very little to see except water. But for the dozen people standing in a line with binoculars, that is exactly the point.

They are members of the Breakwater Watch, a volunteer group that has counted harbour porpoises from the same spot every week for eleven years. Their records now form one of the longest continuous datasets on the species in the region and have been used by researchers studying how porpoises respond to shipping, noise and changing fish populations.

"People ask whether we get bored," said Gülten Acar, who has been with the group since its first season. "Sometimes we see nothing for three hours. Then a mother and calf surface twenty metres away and everybody goes quiet. You don't get bored of that."

## How the count works

Each watch lasts two hours and follows a strict method so that results can be compared over time:

- volunteers scan a fixed area of sea in sections, using a compass and landmarks;
- each sighting is recorded with the time, direction, estimated distance and group size;
- sea state, visibility and boat traffic are noted every fifteen minutes;
- records are checked by a co-ordinator and uploaded to a regional database.

> "Then a mother and calf surface twenty metres away and everybody goes quiet."

Over eleven years, the group has recorded more than 3,600 sightings. Scientists who have analysed the data found that porpoises are seen less often on days with heavy boat traffic, and that sightings have increased slightly in recent years, perhaps because of improvements in fish stocks.

Dr Ceren Yalçın of Saltmere University said the records were valuable precisely because they were so consistent. "Professional surveys are expensive and usually short," she said. "A group that stands in the same place every week for a decade gives us something we could never afford to collect ourselves."

The Breakwater Watch welcomes new volunteers and provides training. No experience is needed, but warm clothes are essential.`,
    category: 'science',
    tags: ['Marine Life', 'Volunteering', 'Citizen Science'],
    authors: ['gulsen-ince'],
    daysAgo: 168,
    hour: 14,
    image: {
      hue: 215,
      motif: 'waves',
      alt: 'Abstract illustration of dark blue waves with the curved fins of porpoises breaking the surface',
      caption:
        'The Breakwater Watch has logged more than 3,600 porpoise sightings in eleven years.',
      credit: CREDIT,
    },
  },
  {
    title: 'Seaweed cups trial: university team tests compostable coffee cups in local cafés',
    dek: 'Customers at six cafés are drinking from cups lined with harbour seaweed as researchers look for a replacement for plastic linings.',
    body: `Customers at six Saltmere cafés are drinking their morning coffee from an unusual kind of cup: one lined with a thin coating made from seaweed grown in the outer harbour.

The trial is part of a research project at Saltmere University that aims to replace the plastic linings used in most takeaway cups, which make them difficult to recycle. The seaweed-based coating is designed to stay waterproof and heat-resistant for long enough to finish a drink, but to break down in a home compost bin within a few weeks.

"Everyone thinks paper cups are paper," said chemist Dr Oğuz Taner, who leads the project. "In fact, almost all of them have a plastic layer inside. That is what stops the coffee soaking through, and it is also why most of them end up in landfill."

## Testing in the real world

The cups have passed laboratory tests, but the researchers want to know how they perform in busy cafés, in customers' hands and on the walk to the ferry. Café staff are recording any leaks or complaints, and customers are asked to rate the cups in a short survey.

The trial will assess:

- whether the cups stay rigid and leak-free for at least 45 minutes;
- whether customers notice any difference in taste or smell;
- how well the used cups break down in home and industrial composting;
- the likely cost if the cups were produced at scale.

> "Everyone thinks paper cups are paper. In fact, almost all of them have a plastic layer inside."

The seaweed is grown on ropes at a small farm off Lighthouse Point, run by a co-operative of former fishermen. It needs no fertiliser or fresh water, and the farm's operators say it also provides habitat for small fish and crabs.

Early feedback from cafés has been positive. "A few people have asked whether their coffee will taste of the sea," said Marta Silva, who runs the Gull & Kettle café on Harbour Road. "It doesn't. Most customers don't notice any difference until we tell them."

The researchers say that if the trial is successful they hope to work with a manufacturer to produce the cups in larger numbers. Cost remains the biggest challenge: the seaweed cups are currently about three times as expensive as standard ones.`,
    category: 'science',
    tags: ['Plastics', 'Research', 'Small Business'],
    authors: ['gulsen-ince'],
    daysAgo: 186,
    hour: 7,
  },
  {
    title: 'Heat map shows which streets will need the most shade by 2050',
    dek: 'University researchers have modelled summer temperatures street by street, and the results favour trees over air conditioning.',
    body: `Some Saltmere streets could be up to 6°C hotter than nearby parks on summer afternoons by the middle of the century, according to a new heat map produced by researchers at Saltmere University.

The map combines satellite measurements of surface temperature with climate projections and detailed information about buildings, trees and paving across the city. It identifies the streets most likely to suffer during heatwaves, and suggests where planting trees and creating shade would make the biggest difference.

"Heat is a quiet hazard," said Professor Mina Farouk, who led the research. "It doesn't knock down houses like a storm, but it can be dangerous, especially for older people, young children and people with health conditions who live in homes that trap heat."

## Hottest and coolest streets

The map shows that the hottest areas are those with the most hard surfaces and the fewest trees, including:

- the retail park and car parks on the edge of Northgate;
- the dense terraces and narrow streets around Market Street;
- the container port and industrial estates, where few people live but many people work.

The coolest areas are around the city's parks, the riverside and the seafront, where breezes off the water help to keep temperatures down.

> "Heat is a quiet hazard. It doesn't knock down houses like a storm."

The researchers say trees are the most effective way to cool streets, reducing temperatures by shading surfaces and releasing moisture from their leaves. Other measures include lighter-coloured roofs and paving, green roofs, and water features in public squares.

Farouk said the city's existing plan to plant 5,000 street trees over the next decade should prioritise the hottest streets, which are also among the poorest. "At the moment, leafier neighbourhoods tend to have more trees and more influence," she said. "The map gives the city evidence to put trees where they are needed most."

The council said it would use the map to guide its planting programme and would share it with schools and care homes so that they could plan for hot weather. The full map is available to explore online.

**Update:** This article has been updated to clarify that the difference of up to 6°C refers to afternoon air temperatures at street level.`,
    category: 'science',
    tags: ['Climate', 'Trees', 'Planning'],
    authors: ['gulsen-ince', 'selin-kalin'],
    daysAgo: 199,
    hour: 10,
    updatedHoursLater: 26,
    image: {
      hue: 10,
      motif: 'sun',
      alt: 'Abstract illustration of a red and orange sun over a street grid shaded by temperature',
      caption: 'The heat map models afternoon temperatures street by street.',
      credit: CREDIT,
    },
  },
];

export const demoPages: DemoPage[] = [
  {
    slug: 'about',
    title: 'About the Harbour Gazette',
    body: `The Harbour Gazette is an independent, reader-supported news site for the city of Saltmere and the neighbourhoods around its harbour, from Old Quay and Ferry Hill to Northgate, Little Kadıköy and Üsküdar Row.

We cover the decisions made at City Hall, the businesses that keep the port working, the clubs and teams that fill our weekends, and the science that explains what is happening to our water, air and streets. Most of what we publish is in English, and we regularly publish stories in Arabic and Turkish for the communities who read us in those languages.

## What we believe

- Local news is a public service. Our reporting is free to read.
- We name our sources wherever we can, and explain why when we cannot.
- We correct mistakes openly. Updated stories carry a note saying what changed.
- We keep comments civil. Comments on some stories are closed for legal reasons.

> Good local journalism starts with listening. Tell us what is happening on your street.

## Who we are

The Gazette is run by a small newsroom of reporters and editors, supported by freelance writers, photographers and illustrators. Most of the images on the site are abstract illustrations produced by our own team.

## A note about this site

The Harbour Gazette is a fictional publication created as demonstration content for the Newsdesk publishing platform. Saltmere, its people, organisations and events are all invented. Any resemblance to real people or places is coincidental.`,
  },
  {
    slug: 'contact',
    title: 'Contact us',
    body: `We want to hear from you, whether you have a story tip, a correction, a letter for publication or a question about the Gazette.

## Newsroom

- News tips: news@harbourgazette.example
- Corrections: corrections@harbourgazette.example
- Letters to the editor: letters@harbourgazette.example
- Arabic and Turkish-language coverage: community@harbourgazette.example

If you are writing about a specific article, please include its headline and the date it was published.

## Sensitive information

If you need to share something confidential, email tips@harbourgazette.example and an editor will reply with details of a more secure way to get in touch. Please do not send sensitive documents as ordinary attachments.

## Visit us

Harbour Gazette, 14 Customs House Square, Saltmere. The front desk is open on weekday mornings, and you are welcome to drop in with a story.

## Technical questions

Questions about the Newsdesk platform that powers this site can be sent to newsdesk@example.org.`,
  },
];
