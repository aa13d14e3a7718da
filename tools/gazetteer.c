/* gazetteer.c: the place and institution names the converter marks without being told
 * (countries, US states, capitals and large cities; institutions that need no pattern). */
#include "tk_places.h"

/* Country names and capitals as The World Factbook (CIA, a work of the US federal
 * government, public domain) lists them in their short forms, the 50 US states, and a few
 * large cities and historical names common in 20th-century diplomatic records (Peking,
 * Petrograd, Leningrad, Saigon, Constantinople). Names that are common words or given names
 * in running text are left out (Chad, Jordan, Georgia); Turkey is kept (only the
 * capitalised form matches). "|"-separated, as printed. README.md states the provenance. */
const char tk_gazetteer_places[] =
    /* countries */
    "Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|"
    "Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|"
    "Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burma|Burundi|Cambodia|"
    "Cameroon|Canada|Cape Verde|Central African Republic|Chile|China|Colombia|Comoros|Congo|"
    "Costa Rica|Croatia|Cuba|Cyprus|Czechoslovakia|Czech Republic|Denmark|Djibouti|Dominica|"
    "Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|"
    "Ethiopia|Fiji|Finland|France|Gabon|Gambia|Germany|Ghana|Greece|Grenada|Guatemala|"
    "Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|"
    "Ireland|Israel|Italy|Jamaica|Japan|Kazakhstan|Kenya|Kiribati|Korea|North Korea|"
    "South Korea|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|"
    "Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|"
    "Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|"
    "Mozambique|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|"
    "North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|"
    "Philippines|Poland|Portugal|Qatar|Romania|Rumania|Russia|Rwanda|Samoa|San Marino|"
    "Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|"
    "Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|"
    "Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad|Tunisia|"
    "Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|"
    "United States|United States of America|Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam|"
    "Viet-Nam|Yemen|Yugoslavia|Zambia|Zimbabwe|Soviet Union|Great Britain|England|Scotland|"
    "Wales|Manchuria|Tibet|Persia|Siam|Ceylon|Formosa|Rhodesia|Zaire|Abyssinia|"
    "Union of Soviet Socialist Republics|East Germany|West Germany|Hong Kong|Puerto Rico|Greenland|"
    /* continents and regions */
    "Europe|Asia|Africa|Latin America|North America|South America|Middle East|Far East|"
    "Southeast Asia|Scandinavia|Siberia|Balkans|Caribbean|Antarctica|Indochina|"
    /* capitals and large cities */
    "Kabul|Tirana|Algiers|Buenos Aires|Canberra|Vienna|Baku|Dhaka|Brussels|La Paz|Sofia|"
    "Phnom Penh|Ottawa|Santiago|Peking|Beijing|Bogota|Havana|Prague|Copenhagen|Quito|Cairo|"
    "San Salvador|Tallinn|Addis Ababa|Helsinki|Paris|Berlin|Bonn|Accra|Athens|Budapest|"
    "Reykjavik|New Delhi|Delhi|Jakarta|Tehran|Teheran|Baghdad|Dublin|Jerusalem|Tel Aviv|"
    "Rome|Tokyo|Nairobi|Seoul|Pyongyang|Vientiane|Riga|Beirut|Monrovia|Tripoli|Vilnius|"
    "Managua|Kuala Lumpur|Mexico City|Ulaanbaatar|Rabat|Kathmandu|Amsterdam|Hague|"
    "Wellington|Lagos|Oslo|Islamabad|Karachi|Manila|Warsaw|Lisbon|Bucharest|Moscow|"
    "Riyadh|Dakar|Belgrade|Mogadishu|Pretoria|Johannesburg|Cape Town|Madrid|Colombo|"
    "Khartoum|Stockholm|Bern|Berne|Geneva|Zurich|Damascus|Taipei|Bangkok|Tunis|Ankara|"
    "Istanbul|Constantinople|Kampala|Kiev|Kyiv|Abu Dhabi|Dubai|London|Montevideo|Caracas|"
    "Hanoi|Saigon|Harare|Lima|Petrograd|Leningrad|St. Petersburg|Stalingrad|Vladivostok|"
    "Shanghai|Nanking|Canton|Hankow|Chungking|Mukden|Harbin|Yalta|Potsdam|Munich|Hamburg|"
    "Frankfurt|Vichy|Marseille|Naples|Milan|Florence|Venice|Barcelona|Montreal|Toronto|"
    "Vancouver|Sydney|Melbourne|Bombay|Mumbai|Calcutta|Madras|Singapore|Hiroshima|Nagasaki|"
    "Osaka|Kyoto|Alexandria|Casablanca|Panama City|Rio de Janeiro|Sao Paulo|Bluefields|"
    /* US states */
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|West Virginia|Wisconsin|Wyoming|"
    /* US cities */
    "Washington|Washington, D.C.|New York City|Los Angeles|Chicago|Houston|Philadelphia|"
    "Boston|San Francisco|Detroit|Baltimore|Atlanta|Miami|Seattle|Denver|Dallas|"
    "New Orleans|Cleveland|Pittsburgh|St. Louis|Cincinnati|Milwaukee|Minneapolis|"
    "Las Vegas|Phoenix|Honolulu|San Diego|Des Moines|Columbus|Richmond|Annapolis|Princeton|"
    "Cambridge|Oxford|Berkeley";

/* Institutions known by a name no pattern finds (no "of", no head word), and the common
 * acronyms of international organisations and US agencies. */
const char tk_gazetteer_orgs[] =
    "United Nations|UN|NATO|SEATO|CENTO|OAS|OPEC|OECD|IMF|GATT|EEC|UNESCO|UNICEF|WHO|"
    "European Community|Common Market|World Bank|International Monetary Fund|Red Cross|"
    "Warsaw Pact|League of Nations|White House|Pentagon|Politburo|Kremlin|Congress|Senate|"
    "Supreme Court|State Department|Foreign Office|Quai d'Orsay|Comintern|Cominform|"
    "Security Council|General Assembly|Central Committee|Central Intelligence Agency|CIA|"
    "FBI|KGB|NSC|NASA|USIA|AID|Reichstag|Bundestag|Knesset|Duma|Kuomintang|Vatican";

/* Head words of organisation names: "Ministry of X" (of-heads) and "X Committee"
 * (tail-heads). "Congress" is left out: mostly a meeting ("the 6th Congress of the CCP"). */
const char tk_org_heads_of[] =
    "Ministry|Department|Bank|University|Commission|Committee|Council|Office|Bureau|League|"
    "Board|Academy|Institute|Court|Embassy|Legation|Consulate|Secretariat|Organization|"
    "Organisation|Federation|Association|Society|Chamber|House|Division|Agency|Union|"
    "Foundation|College|Museum|Library|Parliament|Assembly|Party";
const char tk_org_heads_tail[] =
    "Committee|Commission|Council|Department|Ministry|Office|Embassy|Legation|Consulate|"
    "Party|Bank|Agency|Bureau|Corporation|Company|Institute|University|College|Foundation|"
    "Association|Society|Parliament|Assembly|Secretariat|Federation|League|"
    "Organization|Organisation|Fund|Corps|Commissariat|Politburo|Church|"
    "Museum|Library|Academy|Court|Tribunal|Board|Airlines";
