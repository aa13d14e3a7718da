/* names.c: the word tables of person finding without a personography: given names (US Census
 * 1990, public domain), titles with the sex they imply, words that are never part of a
 * person's name (months, weekdays, offices, institutions, places), words that turn a name
 * into an institution's (Center, University), and speaker labels that are roles. */
#include "tk_names.h"

/* dist.male.first, ranks 1-914 (frequency >= 0.006%), and dist.female.first, ranks 1-457
 * (frequency >= 0.030%), of the US Census Bureau's 1990 name files (public domain: a work of
 * the US federal government), lower-cased; left out: entries that are no given names in
 * running text (numbers, son, brain, wm, german, young, major, junior, royal, chance) and
 * months (april, june, august). docs/convert.md states the provenance. */
const char tk_given_male[] =
    "james john robert michael william david richard charles joseph thomas christopher "
    "daniel paul mark donald george kenneth steven edward brian ronald anthony kevin jason "
    "matthew gary timothy jose larry jeffrey frank scott eric stephen andrew raymond gregory "
    "joshua jerry dennis walter patrick peter harold douglas henry carl arthur ryan roger joe "
    "juan jack albert jonathan justin terry gerald keith samuel willie ralph lawrence nicholas "
    "roy benjamin bruce brandon adam harry fred wayne billy steve louis jeremy aaron randy "
    "howard eugene carlos russell bobby victor martin ernest phillip todd jesse craig alan "
    "shawn clarence sean philip chris johnny earl jimmy antonio danny bryan tony luis mike "
    "stanley leonard nathan dale manuel rodney curtis norman allen marvin vincent glenn "
    "jeffery travis jeff chad jacob lee melvin alfred kyle francis bradley jesus herbert "
    "frederick ray joel edwin don eddie ricky troy randall barry alexander bernard mario leroy "
    "francisco marcus micheal theodore clifford miguel oscar jay jim tom calvin alex jon "
    "ronnie bill lloyd tommy leon derek warren darrell jerome floyd leo alvin tim wesley "
    "gordon dean greg jorge dustin pedro derrick dan lewis zachary corey herman maurice "
    "vernon roberto clyde glen hector shane ricardo sam rick lester brent ramon charlie tyler "
    "gilbert gene marc reginald ruben brett angel nathaniel rafael leslie edgar milton raul "
    "ben chester cecil duane franklin andre elmer brad gabriel ron mitchell roland arnold "
    "harvey jared adrian karl cory claude erik darryl jamie neil jessie christian javier "
    "fernando clinton ted mathew tyrone darren lonnie lance cody julio kelly kurt allan "
    "nelson guy clayton hugh max dwayne dwight armando felix jimmie everett jordan ian "
    "wallace ken bob jaime casey alfredo alberto dave ivan johnnie sidney byron julian isaac "
    "morris clifton willard daryl ross virgil andy marshall salvador perry kirk sergio marion "
    "tracy seth kent terrance rene eduardo terrence enrique freddie wade austin stuart "
    "fredrick arturo alejandro jackie joey nick luther wendell jeremiah evan julius dana "
    "donnie otis shannon trevor oliver luke homer gerard doug kenny hubert angelo shaun lyle "
    "matt lynn alfonso orlando rex carlton ernesto cameron neal pablo lorenzo omar wilbur "
    "blake grant horace roderick kerry abraham willis rickey jean ira andres cesar johnathan "
    "malcolm rudolph damon kelvin rudy preston alton archie marco pete randolph garry "
    "geoffrey jonathon felipe bennie gerardo ed dominic robin loren delbert colin guillermo "
    "earnest lucas benny noel spencer rodolfo myron edmund garrett salvatore cedric lowell "
    "gregg sherman wilson devin sylvester kim roosevelt israel jermaine forrest wilbert "
    "leland simon guadalupe clark irving carroll bryant owen rufus woodrow sammy kristopher "
    "mack levi marcos gustavo jake lionel marty taylor ellis dallas gilberto clint nicolas "
    "laurence ismael orville drew jody ervin dewey al wilfred josh hugo ignacio caleb tomas "
    "sheldon erick frankie stewart doyle darrel rogelio terence santiago alonzo elias bert "
    "elbert ramiro conrad pat noah grady phil cornelius lamar rolando clay percy dexter "
    "bradford merle darin amos terrell moses irvin saul roman darnell randal tommie timmy "
    "darrin winston brendan toby van abel dominick boyd courtney jan emilio elijah cary "
    "domingo santos aubrey emmett marlon emanuel jerald edmond emil dewayne will otto teddy "
    "reynaldo bret morgan jess trent humberto emmanuel stephan louie vicente lamont stacy "
    "garland miles micah efrain billie logan heath rodger harley demetrius ethan eldon rocky "
    "pierre freddy eli bryce antoine robbie kendall royce sterling mickey chase grover "
    "elton cleveland dylan chuck damian reuben stan leonardo jasper russel erwin benito hans "
    "monte blaine ernie curt quentin agustin murray jamal devon adolfo harrison tyson burton "
    "brady elliott wilfredo bart jarrod vance denis damien joaquin harlan desmond elliot "
    "darwin ashley gregorio buddy xavier kermit roscoe esteban anton solomon scotty norbert "
    "elvin williams nolan carey rod quinton hal rob elwood kendrick darius moises marlin "
    "fidel thaddeus cliff marcel ali jackson raphael bryon armand alvaro jeffry dane joesph "
    "thurman ned sammie rusty michel monty rory fabian reggie mason graham kris isaiah vaughn "
    "gus avery loyd diego alexis adolph norris millard rocco gonzalo derick rodrigo gerry "
    "stacey carmen wiley rigoberto alphonso ty shelby rickie noe vern bobbie reed jefferson "
    "elvis bernardo mauricio hiram donovan basil riley ollie nickolas maynard scot vince "
    "quincy eddy sebastian federico ulysses heriberto donnell cole denny davis gavin emery "
    "ward romeo jayson dion dante clement coy odell maxwell jarvis bruno issac mary dudley "
    "brock sanford colby carmelo barney nestor hollis stefan donny art linwood beau weldon "
    "galen isidro truman delmar johnathon silas frederic dick kirby irwin cruz merlin "
    "merrill charley marcelino lane harris cleo carlo trenton kurtis hunter aurelio winfred "
    "vito collin denver carter leonel emory pasquale mohammad mariano danial blair landon "
    "dirk branden adan clair buford bernie wilmer joan emerson zachery fletcher jacques "
    "errol dalton monroe josue dominique edwardo booker wilford sonny shelton carson theron "
    "raymundo daren tristan houston robby lincoln jame genaro gale bennett octavio cornell "
    "laverne hung arron antony herschel alva giovanni garth cyrus cyril ronny stevie lon "
    "freeman erin duncan kennith carmine augustine erich chadwick wilburn russ reid myles "
    "anderson morton jonas forest mitchel mervin zane rich jamel lazaro alphonse randell "
    "johnie jarrett brooks ariel abdul dusty luciano lindsey tracey seymour scottie eugenio "
    "mohammed sandy valentin arnulfo lucien ferdinand thad ezra sydney aldo rubin mitch "
    "earle abe wyatt marquis lanny kareem jamar boris isiah emile elmo aron leopoldo "
    "everette josef gail eloy dorian rodrick reinaldo lucio jerrod weston hershel barton "
    "parker lemuel lavern burt jules gil eliseo ahmad nigel efren antwan alden margarito "
    "coleman refugio dino osvaldo les deandre normand kieth ivory andrea trey norberto "
    "napoleon jerold fritz rosendo milford sang deon christoper alfonzo lyman josiah brant";

const char tk_given_female[] =
    "mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy "
    "karen betty helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah "
    "jessica shirley cynthia angela melissa brenda amy anna rebecca virginia kathleen pamela "
    "martha debra amanda stephanie carolyn christine marie janet catherine frances ann joyce "
    "diane alice julie heather teresa doris gloria evelyn jean cheryl mildred katherine joan "
    "ashley judith rose janice kelly nicole judy christina kathy theresa beverly denise "
    "tammy irene jane lori rachel marilyn andrea kathryn louise sara anne jacqueline wanda "
    "bonnie julia ruby lois tina phyllis norma paula diana annie lillian emily robin peggy "
    "crystal gladys rita dawn connie florence tracy edna tiffany carmen rosa cindy grace "
    "wendy victoria edith kim sherry sylvia josephine thelma shannon sheila ethel ellen "
    "elaine marjorie carrie charlotte monica esther pauline emma juanita anita rhonda hazel "
    "amber eva debbie leslie clara lucille jamie joanne eleanor valerie danielle megan "
    "alicia suzanne michele gail bertha darlene veronica jill erin geraldine lauren cathy "
    "joann lorraine lynn sally regina erica beatrice dolores bernice audrey yvonne annette "
    "samantha marion dana stacy ana renee ida vivian roberta holly brittany melanie loretta "
    "yolanda jeanette laurie katie kristen vanessa alma sue elsie beth jeanne vicki carla "
    "tara rosemary eileen terri gertrude lucy tonya ella stacey wilma gina kristin jessie "
    "natalie agnes vera willie charlene bessie delores melinda pearl arlene maureen colleen "
    "allison tamara joy georgia constance lillie claudia jackie marcia tanya nellie minnie "
    "marlene heidi glenda lydia viola courtney marian stella caroline dora jo vickie mattie "
    "terry maxine irma mabel marsha myrtle lena christy deanna patsy hilda gwendolyn jennie "
    "nora margie nina cassandra leah penny kay priscilla naomi carole brandy olga billie "
    "dianne tracey leona jenny felicia sonia miriam velma becky bobbie violet kristina toni "
    "misty mae shelly daisy ramona sherri erika katrina claire lindsey lindsay geneva "
    "guadalupe belinda margarita sheryl cora faye ada natasha sabrina isabel marguerite "
    "hattie harriet molly cecilia kristi brandi blanche sandy rosie joanna iris eunice angie "
    "inez lynda madeline amelia alberta genevieve monique jodi janie maggie kayla sonya jan "
    "lee kristine candace fannie maryann opal alison yvette melody luz susie olivia flora "
    "shelley kristy mamie lula lola verna beulah antoinette candice juana jeannette pam "
    "kelli hannah whitney bridget karla celia latoya patty shelia gayle della vicky lynne "
    "sheri marianne kara jacquelyn erma blanca myra leticia pat krista roxanne angelica "
    "johnnie robyn francis adrienne rosalie alexandra brooke bethany sadie bernadette traci "
    "jody kendra jasmine nichole rachael chelsea mable ernestine muriel marcella elena "
    "krystal angelina nadine kari estelle dianna paulette lora mona doreen rosemarie angel "
    "desiree antonia hope ginger janis betsy christie freda mercedes meredith lynette teri "
    "cristina eula leigh meghan sophia eloise rochelle gretchen cecelia raquel henrietta "
    "alyssa jana kelley gwen kerry jenna tricia laverne olive alexis";

/* Chinese family names (pinyin, and a few Wade-Giles spellings), lower case: in running text
 * a family name followed by one capitalised given name is a person, surname first ("Zhou
 * Enlai", "Liu Shaoqi"). The most common family names; "he", "sun", "long" and the like are
 * left out because they are English words too. */
const char tk_chinese_surnames[] =
    "wang li zhang liu chen yang huang zhao wu zhou xu ma zhu hu guo gao lin luo zheng liang "
    "xie tang han feng deng cao peng zeng xiao tian dong yuan pan jiang cai du ye cheng su "
    "wei lu ding ren shen yao cui zhong tan jin shi liao jia xia fu bai zou meng xiong qin "
    "qiu yin xue yan duan lei hou gu mao hao gong shao qian dai kong xiang kang bo qu "
    "zhuang chiang chou teng kuo hsu";

/* Short forms of given names, each with the names it shortens (lower case): "Al Haig" is
 * "Alexander Haig", "Jim Schlesinger" is "James Schlesinger". */
const char *const tk_nicknames[] = {
    "al alexander albert alfred", "alex alexander", "andy andrew", "ben benjamin",
    "bert albert herbert", "beth elizabeth", "betty elizabeth", "bill william",
    "billy william", "bob robert", "bobby robert", "charlie charles", "chip charles",
    "chuck charles", "cy cyrus", "dan daniel", "danny daniel", "dave david", "dick richard",
    "don donald", "doug douglas", "ed edward edwin", "eddie edward", "fred frederick",
    "frank francis franklin", "gene eugene", "greg gregory", "hank henry", "harry henry harold",
    "herb herbert", "jack john", "jake jacob", "jen jennifer", "jenny jennifer",
    "jerry gerald jerome", "jim james", "jimmy james", "joe joseph", "johnny john",
    "kate katherine catherine", "kathy katherine kathleen", "ken kenneth", "larry lawrence",
    "len leonard", "les leslie lester", "liz elizabeth", "lou louis", "maggie margaret",
    "matt matthew", "mel melvin", "mike michael", "mort morton", "nate nathan nathaniel",
    "nick nicholas", "pat patrick patricia", "peggy margaret", "pete peter",
    "phil philip phillip", "ray raymond", "rick richard", "rob robert", "ron ronald",
    "russ russell", "sam samuel", "stan stanley", "steve stephen steven", "sue susan",
    "ted edward theodore", "tom thomas", "tommy thomas", "tony anthony", "vince vincent",
    "walt walter", "will william", "woody woodrow", "zbig zbigniew",
};
const unsigned tk_n_nicknames = sizeof tk_nicknames / sizeof *tk_nicknames;

/* Titles before a name, with the sex they imply (0: either). Matched case-sensitively in
 * running text, case-insensitively in speaker labels. */
const tk_title tk_titles[] = {
    {"Mr.", 'm'}, {"Mrs.", 'f'}, {"Ms.", 'f'}, {"Miss", 'f'}, {"Mr", 'm'}, {"Mrs", 'f'},
    {"Dr.", 0}, {"Comrade", 0}, {"Cde.", 0}, {"Colonel", 0}, {"Col.", 0}, {"General", 0},
    {"Gen.", 0}, {"Lieutenant", 0}, {"Lt.", 0}, {"Major", 0}, {"Captain", 0}, {"Capt.", 0},
    {"Admiral", 0}, {"Adm.", 0}, {"Marshal", 0}, {"Sergeant", 0}, {"Sgt.", 0},
    {"Ambassador", 0}, {"President", 0}, {"Premier", 0}, {"Chairman", 0}, {"Secretary", 0},
    {"Senator", 0}, {"Sen.", 0}, {"Governor", 0}, {"Gov.", 0}, {"Minister", 0},
    {"Professor", 0}, {"Prof.", 0}, {"Sir", 'm'}, {"Lord", 'm'}, {"Lady", 'f'},
    {"Madame", 'f'}, {"Madam", 'f'}, {"Mme.", 'f'}, {"Mme", 'f'}, {"Mlle.", 'f'},
    {"Monsieur", 'm'}, {"M.", 'm'}, {"Herr", 'm'}, {"Frau", 'f'}, {"Fräulein", 'f'},
    {"Judge", 0}, {"Justice", 0}, {"Reverend", 0}, {"Rev.", 0}, {"Bishop", 0},
    {"Cardinal", 0}, {"Consul", 0}, {"Count", 'm'}, {"Countess", 'f'}, {"Baron", 'm'},
    {"Baroness", 'f'}, {"Prince", 'm'}, {"Princess", 'f'}, {"King", 'm'}, {"Queen", 'f'},
    {"Chancellor", 0}, {"Commissar", 0}, {"Academician", 0}, {"Mayor", 0},
    {"Congressman", 'm'}, {"Congresswoman", 'f'}, {"Representative", 0}, {"Rep.", 0},
    {"Commander", 0}, {"Cdr.", 0}, {"Commissioner", 0}, {"Father", 'm'}, {"Pope", 'm'},
    {"Emperor", 'm'}, {"Empress", 'f'}, {"Marquis", 'm'}, {"Duke", 'm'}, {"Duchess", 'f'},
    {"Brigadier", 0}, {"Corporal", 0}, {"Private", 0}, {"Astronaut", 0}, {"Chargé", 0},
    {"Envoy", 0}, {"Deputy", 0}, {"Administrator", 0}, {"Uncle", 'm'}, {"Aunt", 'f'},
    {"Maj.", 0}, {"Lieut.", 0}, {"Viscount", 'm'}, {"Viscountess", 'f'}, {"Doctor", 0},
    {"Signor", 'm'}, {"Señor", 'm'}, {"Señora", 'f'}, {"Don", 'm'}, {"Doña", 'f'},
};
const unsigned tk_n_titles = sizeof tk_titles / sizeof *tk_titles;

/* Capitalised words that are never (part of) a person's name, lower-cased: titles and
 * offices ("Minister Resident", "Ambassador Extraordinary", "Mr. Dr"), months and weekdays
 * ("the President July 17"), institutions and instruments ("General Agreement", "General
 * Claims Convention"), function words, and places that are no surnames. A rules file adds
 * more (`not-name WORD`). */
const char tk_not_name_words[] =
    /* months, weekdays, seasons */
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun spring summer autumn "
    "winter christmas easter "
    /* titles and offices */
    "mr mrs ms dr prof sir madame monsieur comrade cde president premier chairman secretary "
    "senator governor minister ambassador general colonel major captain admiral marshal "
    "lieutenant sergeant professor consul judge justice chancellor commissar deputy vice "
    "under assistant acting resident extraordinary plenipotentiary attache attaché charge "
    "chargé envoy delegate delegation counsel counselor counsellor adviser advisor director "
    "manager officer official officials spokesman spokesperson secretariat chief head staff "
    "prosecutor attorney elect emeritus ret retired jr sr esq chair chairwoman chairperson "
    "witness "
    /* institutions, instruments, events */
    "agreement agreements convention conventions claims treaty treaties pact protocol accord "
    "accords declaration charter act acts bill law laws resolution amendment doctrine plan "
    "program programme conference committee commission council assembly congress parliament "
    "senate house cabinet government governments department ministry office bureau agency "
    "administration embassy legation consulate mission court party union army navy force "
    "forces corps command headquarters staff university college institute institution "
    "school academy library museum foundation center centre society association company "
    "corporation bank electric motors motor services service post election affairs "
    "relations division section branch board group universe republic kingdom empire state "
    "states nations federation league alliance front movement revolution war peace crisis "
    "summit session meeting memorandum telegram letter note report press news times post "
    "herald journal review "
    /* a ministry's portfolio after an office ("Minister Finance", "Secretary Treasury",
       "Minister Ways", "M. Supplies" in cabled English), firms, and geographic features */
    "treasury finance finances railways railroads ways supplies commerce agriculture labor "
    "labour interior marine communications trade industry education health welfare "
    "transport transportation shipping considerations co ltd bros corp inc llc plc "
    "straits strait gulf sea ocean cape canal islands peninsula channel sound harbor harbour "
    "advisory "
    /* bodies of believers and insurgents, and the Privy Seal ("Roman Catholic", "Christian
       Boxers", "Lord Privy Seal") */
    "catholic catholics protestant protestants christians muslims moslems jews boxers "
    "privy seal count countess général commissioner commissioners "
    /* function words and the like, capitalised at a sentence start */
    "the a an this that these those of and or but in on at to for with from by as if when "
    "while after before since because then there here what which who whom whose where why "
    "how i we he she it they you my our his her its their your me us him them not no yes all "
    "any some every each both either neither mister "
    /* adjectives and address before a name in speech ("Good Brutus", "Dear Jim") */
    "good noble brave dear poor sweet old young great gentle kind honest worthy my "
    "oh o ah alas hail farewell thanks thank welcome hello hi sorry please "
    /* places that are no surnames in these texts: countries, capitals, directions */
    "america american americans soviet soviets russia russian russians china chinese japan "
    "japanese germany british britain england english france french europe european "
    "moscow peking beijing london paris berlin tokyo vietnam hanoi saigon korea india "
    "rome athens vienna madrid lisbon warsaw prague budapest geneva brussels cairo "
    "delhi ottawa canberra havana mexico brazil chile peru ohio iowa texas "
    "washington new york north south east west northern southern eastern western "
    "united national international federal central foreign domestic "
    "god christ lord";

/* Words after a name that make it an institution's or a place's name ("George C. Marshall
 * Conference Center", "Lyndon B. Johnson Space Center", "Woodrow Wilson School"). */
const char tk_institution_words[] =
    "center centre conference university college institute school library museum "
    "foundation hall building street avenue road boulevard square park bridge airport "
    "station memorial prize award fund trust lecture plan doctrine administration "
    "presidential report papers collection company corporation inc hospital house island "
    "dynasty province district "
    "county city river mountain mountains bay lake fellowship professorship chair "
    "co ltd bros corp llc plc straits strait gulf sea canal";

/* Speaker labels that are roles, not persons (lower case; a label made only of title and
 * office words, "SENIOR ADMINISTRATION OFFICIAL", "UNDER SECRETARY", is a role too). */
const char tk_role_labels[] =
    "question|questions|questioner|answer|moderator|participant|participants|audience|"
    "audience member|unidentified|unidentified speaker|unidentified participant|speaker|"
    "voice|voices|male voice|female voice|man|woman|reporter|reporters|press|interviewer|"
    "interviewee|narrator|announcer|operator|all|both|several|several voices|crowd|"
    "the chairman|chairman|the chair|chair|the president|the secretary|the speaker|"
    "the moderator|the witness|the court|the clerk|staff|official|senior official|"
    "senior administration official|administration official|?|??|...";

/* Office words that may stand before a name in a speaker label ("UNDER SECRETARY HORMATS"),
 * lower case. */
const char tk_office_words[] =
    "the under deputy assistant acting vice senior executive special foreign prime first "
    "second third state defense defence general attorney chief former secretary minister "
    "ambassador president chairman senator governor professor dr mr mrs ms miss sir madame "
    "judge justice director admiral colonel captain commander major lieutenant sergeant "
    "comrade premier chancellor consul counselor counsellor adviser advisor representative "
    "congressman congresswoman mayor dean doctor father mister lady lord chair chairwoman "
    "chairperson commissioner councillor councilor councilman councilwoman alderman sheriff "
    "inspector superintendent detective delegate speaker reverend rabbi bishop pastor officer "
    "agent";

/* Verbs of speech, thought and will that follow a person's name in running text ("Mitt
 * Romney wants", "Smith said"): with two unknown capitalised words before them, evidence of
 * a person (persons.c, EV_VERB). No "is", "has", "will": places and bodies take those. */
const char tk_person_verbs[] =
    "said says told tells wants wanted thinks thought believes believed needs asked asks "
    "argued argues claimed claims stated replied replies added explained suggested suggests "
    "insisted insists agreed agrees promised promises noted announced declared knows knew "
    "feels felt hopes hoped wrote writes spoke speaks would might may could should must "
    "remarked responded answered admitted denied urged warned";
