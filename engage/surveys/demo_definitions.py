"""The demo surveys' wording: the plan consultation (from the consultation draft's
objectives, priorities and commitments) and the Police and Crime Survey, whose
questions carry the Key Ambitions indicators they measure."""

PLAN_SURVEY = "Police and Crime Plan: have your say"
PCS_SURVEY = "Nottinghamshire Police and Crime Survey"
PRIVACY = (
    "The Office of the Police and Crime Commissioner uses your answers to shape the Police "
    "and Crime Plan and the annual Police and Crime Needs Assessment. We report answers only "
    "for groups of 10 people or more, and quote written answers only if you say we may, "
    "without your name."
)
AGREE = ["strongly_agree", "agree"]
PRIORITIES = [
    ["serious_violence", "Serious violence and knife crime"],
    ["vawg", "Violence against women and girls"],
    [
        "neighbourhood_crime",
        "Neighbourhood crimes, including burglary, vehicle crime, robbery and rural crime",
    ],
    ["high_harm", "Other high harm offences such as slavery, exploitation and abuse"],
    ["asb", "Anti-social behaviour"],
    ["speeding", "Speeding and road safety"],
]
COMMITMENTS = [
    [
        "prevention_fund",
        "A dedicated £100,000 crime prevention fund for vulnerable and hotspot locations",
    ],
    ["asb_taskforce", "An Anti-social Behaviour Taskforce"],
    ["road_policing", "A bigger road policing team to help keep our roads safe"],
    ["diversion", "Diversion and mentoring to steer young people away from crime"],
    ["meet_commissioner", "Regular 'Meet the Commissioner' sessions across Nottinghamshire"],
    ["community_fund", "An annual £250,000 Make Notts Safe Fund for community groups"],
]
PCS_DAYS = 548  # six financial-year quarters of the rolling survey
YES_NO = [["yes", "Yes"], ["no", "No"], ["dont_know", "Don't know"]]
SATISFIED = [
    ["very_satisfied", "Very satisfied"],
    ["fairly_satisfied", "Fairly satisfied"],
    ["neither", "Neither satisfied nor dissatisfied"],
    ["fairly_dissatisfied", "Fairly dissatisfied"],
    ["very_dissatisfied", "Very dissatisfied"],
]

PLAN_PAGES = [
    (
        "Where you live",
        "",
        [
            {
                "key": "district",
                "kind": "district",
                "text": "Which area do you live in?",
                "is_required": True,
            },
            {
                "key": "safe",
                "kind": "single_choice",
                "text": "How safe do you feel in your local area?",
                "is_required": True,
                "options": [
                    ["very_safe", "Very safe"],
                    ["fairly_safe", "Fairly safe"],
                    ["a_bit_unsafe", "A bit unsafe"],
                    ["very_unsafe", "Very unsafe"],
                ],
            },
            {
                "key": "victim",
                "kind": "single_choice",
                "text": "Have you been a victim of crime in the last 12 months?",
                "is_required": True,
                "options": YES_NO,
            },
        ],
    ),
    (
        "The plan's objectives",
        "My plan centres on three simple objectives. Tell us whether you agree with them.",
        [
            {
                "key": "objectives",
                "kind": "grid",
                "is_required": True,
                "text": "How far do you agree that these should be the plan's objectives?",
                "statements": [
                    ["preventing", "Preventing crime and protecting people from harm"],
                    ["responding", "Responding efficiently and effectively to community needs"],
                    ["supporting", "Supporting victims, survivors and communities"],
                ],
            },
            {
                "key": "ranking",
                "kind": "ranking",
                "is_required": True,
                "options": PRIORITIES,
                "text": "Put the plan's priority issues in order of importance to you",
            },
            {
                "key": "commitments",
                "kind": "multiple_choice",
                "allows_other": True,
                "options": COMMITMENTS,
                "text": "Which of the Commissioner's commitments matter most to you?",
                "help_text": "Choose all that apply.",
            },
        ],
    ),
    (
        "Your experience and your views",
        "",
        [
            {
                "key": "support",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": SATISFIED,
                "text": "How satisfied were you with the support you received as a victim?",
            },
            {
                "key": "missing",
                "kind": "long_text",
                "text": "Is there anything missing from the plan, or anything you would change?",
                "help_text": "Do not include anyone's name or contact details.",
            },
        ],
    ),
]

PCS_PAGES = [
    (
        "Crime where you live",
        "",
        [
            {
                "key": "district",
                "kind": "district",
                "text": "Which area do you live in?",
                "is_required": True,
            },
            {
                "key": "nc_victim",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO,
                "indicator": "neighbourhood_crime_victims",
                "indicator_values": ["yes"],
                "text": "In the last 12 months, have you or anyone in your household been a "
                "victim of burglary, vehicle crime, theft from the person or robbery?",
            },
            {
                "key": "after_dark",
                "kind": "rating",
                "text": "How safe do you feel walking alone in your area after dark?",
            },
        ],
    ),
    (
        "The police in your area",
        "",
        [
            {
                "key": "confidence",
                "kind": "scale",
                "is_required": True,
                "indicator": "public_confidence",
                "indicator_values": AGREE,
                "text": "Taking everything into account, "
                "I have confidence in the police in my area",
            },
            {
                "key": "visible",
                "kind": "scale",
                "is_required": True,
                "indicator": "police_visible_accessible",
                "indicator_values": AGREE,
                "text": "The police are visible and accessible in my area when needed",
            },
            {
                "key": "concerns",
                "kind": "scale",
                "is_required": True,
                "indicator": "dealing_with_local_concerns",
                "indicator_values": AGREE,
                "text": "The police are dealing with the anti-social behaviour and crime "
                "issues that matter in this area",
            },
            {
                "key": "contacted",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO[:2],
                "text": "Have you contacted Nottinghamshire Police in the last 12 months?",
            },
            {
                "key": "victim",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO[:2],
                "text": "Have you been a victim of crime in the last 12 months?",
            },
        ],
    ),
    (
        "Your contact with the police",
        "",
        [
            {
                "key": "service",
                "kind": "single_choice",
                "show_if": ("contacted", ["yes"]),
                "options": SATISFIED,
                "indicator": "service_user_satisfaction",
                "indicator_values": ["very_satisfied", "fairly_satisfied"],
                "text": "Overall, how satisfied were you with the service "
                "you received from the police?",
            },
            {
                "key": "victim_sat",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": SATISFIED,
                "indicator": "victim_satisfaction",
                "indicator_values": ["very_satisfied", "fairly_satisfied"],
                "text": "How satisfied were you with the way the police dealt with the crime?",
            },
            {
                "key": "cope",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": YES_NO,
                "indicator": "victims_cope_recover",
                "indicator_values": ["yes"],
                "text": "Did the support you received leave you better able to cope and recover?",
            },
            {
                "key": "safer",
                "kind": "long_text",
                "text": "What one thing would make you feel safer where you live?",
            },
        ],
    ),
]

PLAN_TEXTS = [
    "More police on the streets in the town centre at night, especially at weekends.",
    "Speeding through the village is the biggest problem here and nobody enforces the limit.",
    "I would like to see more done to keep girls safe walking home from school.",
    "Fly tipping in the lanes is getting worse and the farmers are left to clear it up.",
    "The plan should say more about getting 101 calls answered quickly.",
]

# Written answers to "What one thing would make you feel safer where you live?"
PCS_TEXTS = [
    "Seeing a police officer walking round the estate now and again, not just driving through.",
    "Someone actually answering 101. I waited forty minutes last time and gave up.",
    "Cameras on the road into the village, cars come through at sixty in a thirty.",
    "Better street lighting on the path from the bus stop, it is pitch black after five.",
    "Stop the off-road bikes tearing up the park every evening, somebody will get hurt.",
    "More for the teenagers to do. They hang round the shops because there is nowhere else.",
    "Knowing what happened after I reported the break-in. Nobody ever got back to me.",
    "Dealing with the house on our street where people come and go at all hours selling drugs.",
    "Taxis that are safe for women coming home from town late at night.",
    "Something done about the fly tipping down the lane, it is there for weeks.",
    "Farm machinery keeps disappearing round here, we need a rural officer who knows the area.",
    "Quicker response when we ring 999, it took over an hour for someone to come.",
    "A PCSO who knows the names of the people on our street, like we used to have.",
    "Speed bumps outside the primary school, the parents' cars and the vans fly past.",
    "Action on the gang of lads who intimidate people outside the Co-op.",
    "Help for my elderly mum who keeps getting scam phone calls pretending to be the bank.",
    "Proper support for women who report domestic abuse so they are not sent home to it.",
    "Someone to check on the empty units on the industrial estate where the fires keep starting.",
    "Hare coursing in the fields at night. When we ring nobody comes until it is over.",
    "More visible patrols in the town centre on Friday and Saturday nights.",
    "Lighting and a camera in the car park, three cars were broken into last month.",
    "I would feel safer if stop and search was fair and explained properly to young people.",
    "Better links between the police and the mosque, so people trust them with hate incidents.",
    "Stopping the drink driving in the villages after the pubs shut.",
    "Faster court cases. My case has been waiting over a year and I am scared to go out.",
    "Neighbourhood Watch meetings that the police actually come to.",
    "Graffiti and smashed bus shelters fixed quickly, so the area does not look abandoned.",
    "Nothing much, I feel safe, but the police could tell us more about what they are doing.",
    "Tackling the knife carrying among young people before someone else is killed.",
    "An easier way to report things online and get an answer, not just a reference number.",
]

# Written answers to the plan consultation's "Is there anything missing from the plan?"
PLAN_MORE_TEXTS = [
    "Rural crime should have its own targets, not be folded into neighbourhood crime.",
    "The plan should say how victims will be kept informed about their case.",
    "More about online fraud against older people, it is the crime most of my friends have had.",
    "Mental health crisis calls take officers off the street for hours. The plan should say how.",
    "Youth clubs and mentoring should be funded for the long term, not year to year.",
]
