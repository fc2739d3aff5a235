package extract

import (
	"strings"
	"sync"
)

// This file holds the small general gazetteer FindEntities relies on:
// countries with their demonyms, capitals and large cities, US states,
// regions, international organisations and government metonyms, titles,
// organisation head words and the function words that are never names. It
// deliberately lists no individual people: people are found by cues.

// gazCountries is one country a line: canonical name; other names;
// demonyms; capitals and large cities.
const gazCountries = `Afghanistan;;Afghan,Afghans;Kabul,Kandahar
Albania;;Albanian,Albanians;Tirana
Algeria;;Algerian,Algerians;Algiers
Angola;;Angolan,Angolans;Luanda
Argentina;;Argentine,Argentinian,Argentines;Buenos Aires
Armenia;;Armenian,Armenians;Yerevan
Australia;;Australian,Australians;Canberra,Sydney,Melbourne,Brisbane,Perth,Adelaide
Austria;;Austrian,Austrians;Vienna
Azerbaijan;;Azerbaijani,Azeri;Baku
Bahrain;;Bahraini;Manama
Bangladesh;;Bangladeshi;Dhaka
Belarus;;Belarusian,Belarusians;Minsk
Belgium;;Belgian,Belgians;Brussels,Antwerp
Bolivia;;Bolivian;La Paz
Bosnia and Herzegovina;Bosnia;Bosnian;Sarajevo
Brazil;;Brazilian,Brazilians;Brasilia,Brasília,Sao Paulo,São Paulo,Rio de Janeiro
Bulgaria;;Bulgarian,Bulgarians;Sofia
Cambodia;;Cambodian;Phnom Penh
Cameroon;;Cameroonian;Yaounde,Douala
Canada;;Canadian,Canadians;Ottawa,Toronto,Montreal,Vancouver,Calgary
Chile;;Chilean,Chileans;Santiago
China;People's Republic of China,PRC,Mainland China;Chinese;Beijing,Shanghai,Shenzhen,Guangzhou,Wuhan,Chongqing,Tianjin
Colombia;;Colombian,Colombians;Bogota,Bogotá,Medellin
Congo;Democratic Republic of Congo,Democratic Republic of the Congo,DRC,DR Congo;Congolese;Kinshasa
Costa Rica;;Costa Rican;
Croatia;;Croatian,Croatians,Croat,Croats;Zagreb
Cuba;;Cuban,Cubans;Havana
Cyprus;;Cypriot,Cypriots;Nicosia
Czech Republic;Czechia;Czech,Czechs;Prague
Denmark;;Danish,Dane,Danes;Copenhagen
Ecuador;;Ecuadorian;Quito
Egypt;;Egyptian,Egyptians;Cairo,Alexandria
Estonia;;Estonian,Estonians;Tallinn
Ethiopia;;Ethiopian,Ethiopians;Addis Ababa
Finland;;Finnish,Finn,Finns;Helsinki
France;;French;Paris,Marseille,Lyon,Toulouse,Nice
Georgia;;Georgian,Georgians;Tbilisi
Germany;;German,Germans;Berlin,Munich,Frankfurt,Hamburg,Cologne,Stuttgart,Bonn
Ghana;;Ghanaian,Ghanaians;Accra
Greece;;Greek,Greeks;Athens
Hungary;;Hungarian,Hungarians;Budapest
Iceland;;Icelandic,Icelanders;Reykjavik
India;;Indian,Indians;New Delhi,Delhi,Mumbai,Bangalore,Bengaluru,Kolkata,Chennai,Hyderabad
Indonesia;;Indonesian,Indonesians;Jakarta,Bali
Iran;;Iranian,Iranians;Tehran
Iraq;;Iraqi,Iraqis;Baghdad,Basra,Mosul
Ireland;Republic of Ireland;Irish;Dublin
Israel;;Israeli,Israelis;Jerusalem,Tel Aviv
Italy;;Italian,Italians;Rome,Milan,Naples,Turin,Venice,Florence
Ivory Coast;Cote d'Ivoire,Côte d'Ivoire;Ivorian;Abidjan
Jamaica;;Jamaican;Kingston
Japan;;Japanese;Tokyo,Osaka,Kyoto,Yokohama
Jordan;;Jordanian,Jordanians;Amman
Kazakhstan;;Kazakh,Kazakhstani;Astana,Almaty
Kenya;;Kenyan,Kenyans;Nairobi,Mombasa
Kuwait;;Kuwaiti;Kuwait City
Kyrgyzstan;;Kyrgyz;Bishkek
Laos;;Lao,Laotian;Vientiane
Latvia;;Latvian,Latvians;Riga
Lebanon;;Lebanese;Beirut
Libya;;Libyan,Libyans;Tripoli,Benghazi
Lithuania;;Lithuanian,Lithuanians;Vilnius
Luxembourg;;Luxembourgish;
Malaysia;;Malaysian,Malaysians;Kuala Lumpur
Mali;;Malian;Bamako
Malta;;Maltese;Valletta
Mexico;;Mexican,Mexicans;Mexico City,Guadalajara,Monterrey
Moldova;;Moldovan;Chisinau
Mongolia;;Mongolian;Ulaanbaatar
Montenegro;;Montenegrin;Podgorica
Morocco;;Moroccan,Moroccans;Rabat,Casablanca
Mozambique;;Mozambican;Maputo
Myanmar;Burma;Burmese;Naypyidaw,Yangon
Nepal;;Nepalese,Nepali;Kathmandu
Netherlands;Holland,The Netherlands;Dutch;Amsterdam,The Hague,Hague,Rotterdam
New Zealand;;New Zealander,New Zealanders;Wellington,Auckland
Nicaragua;;Nicaraguan;Managua
Niger;;Nigerien;Niamey
Nigeria;;Nigerian,Nigerians;Abuja,Lagos
North Korea;DPRK;North Korean,North Koreans;Pyongyang
North Macedonia;Macedonia;Macedonian;Skopje
Norway;;Norwegian,Norwegians;Oslo,Bergen
Oman;;Omani;Muscat
Pakistan;;Pakistani,Pakistanis;Islamabad,Karachi,Lahore
Palestine;Palestinian Territories;Palestinian,Palestinians;Ramallah,Gaza,Gaza Strip,West Bank
Panama;;Panamanian;Panama City
Paraguay;;Paraguayan;Asuncion
Peru;;Peruvian,Peruvians;Lima
Philippines;;Filipino,Filipinos,Philippine;Manila
Poland;;Polish,Pole,Poles;Warsaw,Krakow
Portugal;;Portuguese;Lisbon,Porto
Qatar;;Qatari,Qataris;Doha
Romania;;Romanian,Romanians;Bucharest
Russia;Russian Federation;Russian,Russians;Moscow,St. Petersburg,Saint Petersburg,Siberia,Chechnya
Rwanda;;Rwandan;Kigali
Saudi Arabia;;Saudi,Saudis,Saudi Arabian;Riyadh,Jeddah,Mecca
Senegal;;Senegalese;Dakar
Serbia;;Serbian,Serbians,Serb,Serbs;Belgrade
Singapore;;Singaporean,Singaporeans;
Slovakia;;Slovak,Slovakian;Bratislava
Slovenia;;Slovenian,Slovene;Ljubljana
Somalia;;Somali,Somalis;Mogadishu
South Africa;;South African,South Africans;Pretoria,Johannesburg,Cape Town,Durban
South Korea;Republic of Korea,Korea;South Korean,South Koreans,Korean,Koreans;Seoul,Busan
South Sudan;;South Sudanese;Juba
Spain;;Spanish,Spaniard,Spaniards;Madrid,Barcelona,Seville,Valencia
Sri Lanka;;Sri Lankan;Colombo
Sudan;;Sudanese;Khartoum,Darfur
Sweden;;Swedish,Swede,Swedes;Stockholm,Gothenburg
Switzerland;;Swiss;Bern,Geneva,Zurich,Davos,Basel
Syria;;Syrian,Syrians;Damascus,Aleppo
Taiwan;;Taiwanese;Taipei
Tajikistan;;Tajik;Dushanbe
Tanzania;;Tanzanian;Dodoma,Dar es Salaam
Thailand;;Thai;Bangkok
Tunisia;;Tunisian;Tunis
Turkey;Turkiye,Türkiye;Turkish,Turk,Turks;Ankara,Istanbul
Turkmenistan;;Turkmen;Ashgabat
Uganda;;Ugandan;Kampala
Ukraine;;Ukrainian,Ukrainians;Kyiv,Kiev,Kharkiv,Odesa,Odessa,Lviv,Dnipro,Zaporizhzhia,Donetsk,Luhansk,Donbas,Crimea,Kherson,Mariupol
United Arab Emirates;UAE,U.A.E.,Emirates;Emirati;Abu Dhabi,Dubai
United Kingdom;UK,U.K.,Britain,Great Britain,England,Scotland,Wales,Northern Ireland;British,Briton,Britons,English,Scottish,Welsh;London,Manchester,Birmingham,Edinburgh,Glasgow,Liverpool,Belfast,Cardiff
United States;US,U.S.,USA,U.S.A.,America,United States of America;American,Americans;Washington,Washington D.C.,New York,New York City,Los Angeles,Chicago,Houston,San Francisco,Seattle,Boston,Detroit,Miami,Atlanta,Dallas,Philadelphia,Phoenix,Denver,Las Vegas,San Diego,San Jose,Silicon Valley,Wall Street,Manhattan,Brooklyn,New Orleans,Pittsburgh,Cleveland,Baltimore,Minneapolis,St. Louis,Cupertino,Palo Alto,Mountain View,Redmond,Everett,Honolulu,Anchorage
Uruguay;;Uruguayan;Montevideo
Uzbekistan;;Uzbek;Tashkent
Venezuela;;Venezuelan,Venezuelans;Caracas
Vietnam;Viet Nam;Vietnamese;Hanoi,Ho Chi Minh City,Saigon
Yemen;;Yemeni,Yemenis;Sanaa
Zambia;;Zambian;Lusaka
Zimbabwe;;Zimbabwean;Harare
Vatican;Holy See,Vatican City;;
Soviet Union;USSR;Soviet;
Hong Kong;;;
Greenland;;Greenlandic;Nuuk
Kosovo;;Kosovar;Pristina
Haiti;;Haitian;Port-au-Prince
Dominican Republic;;Dominican;Santo Domingo
Guatemala;;Guatemalan;Guatemala City
Honduras;;Honduran;Tegucigalpa
El Salvador;;Salvadoran;San Salvador
Sierra Leone;;Sierra Leonean;Freetown
Liberia;;Liberian;Monrovia
Eritrea;;Eritrean;Asmara
Botswana;;;Gaborone
Namibia;;Namibian;Windhoek
Madagascar;;Malagasy;Antananarivo
Burkina Faso;;Burkinabe;Ouagadougou
Brunei;;;
Fiji;;Fijian;Suva`

// gazStates are the US states; they are places in the United States.
const gazStates = `Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Hawaii,Idaho,Illinois,Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,Mississippi,Missouri,Montana,Nebraska,Nevada,New Hampshire,New Jersey,New Mexico,North Carolina,North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,Rhode Island,South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,West Virginia,Wisconsin,Wyoming,Puerto Rico`

// gazProvinces are other first-level regions: name;country.
const gazProvinces = `Ontario;Canada
Quebec;Canada
British Columbia;Canada
Alberta;Canada
Saskatchewan;Canada
Manitoba;Canada
Nova Scotia;Canada
New Brunswick;Canada
Newfoundland;Canada
Western Australia;Australia
South Australia;Australia
Bavaria;Germany
Catalonia;Spain
Queensland;Australia
New South Wales;Australia
Tasmania;Australia
Tibet;China
Xinjiang;China
Kashmir;India
Punjab;Pakistan
Kurdistan;Iraq`

// gazRegions are continents and world regions: canonical;other
// names;demonyms.
const gazRegions = `Europe;;European,Europeans
Asia;;Asian,Asians
Africa;;African,Africans
North America;;North American,North Americans
South America;;South American,South Americans
Latin America;;Latin American,Latin Americans
Central America;;Central American
Middle East;Mideast;Middle Eastern
Eastern Europe;;Eastern European
Western Europe;;Western European
Central Asia;;Central Asian
Southeast Asia;South East Asia;Southeast Asian
East Asia;;East Asian
Scandinavia;;Scandinavian,Nordic
Balkans;;Balkan
Caribbean;;
Arctic;;
Antarctica;;Antarctic
Oceania;;
Pacific;;
Atlantic;;Transatlantic
Mediterranean;;
Persian Gulf;;
Gulf;;
Sahel;;
Black Sea;;
Baltic;Baltics,Baltic States;
Indo-Pacific;;
Earth;;
East Africa;;East African
West Africa;;West African
North Africa;;North African
Southern Africa;;
Central Africa;;Central African
Northern Europe;;Northern European
Southern Europe;;Southern European
Central Europe;;Central European
South Asia;;South Asian
Great Lakes;;
Gulf Coast;;
Horn of Africa;;
Sub-Saharan Africa;;Sub-Saharan`

// gazOrgs are organisations known by a fixed name or acronym, and the
// metonyms newswriting uses for governments ("the Kremlin"): canonical;
// other names; places.
const gazOrgs = `NATO;North Atlantic Treaty Organization,North Atlantic Treaty Organisation;
European Union;EU,E.U.;Europe
United Nations;UN,U.N.;
United Nations Security Council;UN Security Council,U.N. Security Council,Security Council;
OPEC;Organization of the Petroleum Exporting Countries;
International Monetary Fund;IMF;
World Bank;;
World Health Organization;WHO,World Health Organisation;
World Trade Organization;WTO,World Trade Organisation;
European Central Bank;ECB;Europe
European Commission;;Europe
European Parliament;;Europe
Federal Reserve;Fed,U.S. Federal Reserve;United States
FBI;Federal Bureau of Investigation;United States
CIA;Central Intelligence Agency;United States
National Security Agency;NSA;United States
Securities and Exchange Commission;SEC;United States
Food and Drug Administration;FDA;United States
Environmental Protection Agency;EPA;United States
Federal Aviation Administration;FAA;United States
Federal Trade Commission;FTC;United States
Internal Revenue Service;IRS;United States
Department of Justice;Justice Department,DOJ;United States
Department of Defense;Defense Department,DOD,DoD;United States
Department of Homeland Security;Homeland Security,DHS;United States
State Department;Department of State;United States
Treasury;Treasury Department,Department of the Treasury,U.S. Treasury;
NASA;National Aeronautics and Space Administration;United States
International Atomic Energy Agency;IAEA;
International Criminal Court;ICC;
Organisation for Economic Co-operation and Development;OECD;
Association of Southeast Asian Nations;ASEAN;
African Union;AU;Africa
Group of Seven;G7,G-7;
Group of 20;G20,G-20;
BRICS;;
Hamas;;Palestine
Hezbollah;;Lebanon
Taliban;;Afghanistan
Islamic State;ISIS,ISIL;
Al Qaeda;al-Qaeda,al-Qaida;
White House;;United States
Kremlin;;Russia
Pentagon;;United States
Downing Street;;United Kingdom
Elysee;Élysée,Elysee Palace,Élysée Palace;France
Capitol Hill;;United States
Congress;U.S. Congress;United States
Senate;U.S. Senate;United States
House of Representatives;;United States
Supreme Court;U.S. Supreme Court;
Bundestag;;Germany
Knesset;;Israel
Duma;State Duma;Russia
Politburo;;China
Bundesbank;;Germany
Associated Press;AP;
Agence France-Presse;AFP;
Reuters;;
Bloomberg;;
British Broadcasting Corporation;BBC;United Kingdom
CNN;;
Al Jazeera;;Qatar
Xinhua;;China
Wikinews;;
FIFA;;
International Olympic Committee;IOC;
Red Cross;;
Amnesty International;;
Greenpeace;;`

// nerTitles are job titles and ranks, lower case, longest forms included
// so that matching prefers "secretary of state" over "secretary".
const nerTitles = `president,vice president,vice-president,president-elect,prime minister,deputy prime minister,first minister,chief minister,minister,deputy minister,foreign minister,finance minister,defence minister,defense minister,interior minister,economy minister,trade minister,energy minister,health minister,justice minister,transport minister,
secretary,secretary general,secretary-general,under secretary,undersecretary,assistant secretary,deputy secretary,secretary of state,secretary of defense,secretary of the treasury,secretary of commerce,treasury secretary,defense secretary,defence secretary,press secretary,foreign secretary,home secretary,commerce secretary,energy secretary,state secretary,
chancellor,vice chancellor,chairman,chairwoman,chairperson,chair,vice chairman,co-chairman,deputy chairman,
ceo,cfo,coo,cto,chief executive,chief executive officer,president and chief executive officer,chairman and chief executive officer,president and chief operating officer,majority leader,minority leader,house speaker,chief financial officer,chief operating officer,chief technology officer,chief economist,chief strategist,chief of staff,chief justice,chief,president and chief executive,president and ceo,chairman and ceo,chairman and chief executive,
founder,co-founder,cofounder,director,director general,director-general,managing director,executive director,deputy director,general manager,manager,head,
governor,lieutenant governor,mayor,deputy mayor,lord mayor,councillor,councilor,councilman,councilwoman,alderman,alderwoman,magistrate,senator,sen.,representative,rep.,congressman,congresswoman,lawmaker,mp,speaker,
ambassador,envoy,special envoy,spokesperson,spokesman,spokeswoman,
king,queen,prince,princess,crown prince,emperor,pope,archbishop,bishop,cardinal,
judge,justice,attorney general,prosecutor,general,gen.,admiral,adm.,colonel,col.,lieutenant,lt.,captain,capt.,commander,sergeant,sgt.,gov.,superintendent,inspector,
analyst,economist,professor,prof.,adviser,advisor,national security adviser,commissioner,administrator,premier,leader,opposition leader,supreme leader,ayatollah,sheikh,emir,sultan,
editor,editor-in-chief,correspondent,coach,head coach,singer,actor,actress,rapper,writer,author,novelist,poet,historian,player,striker,goalkeeper,midfielder,defender,artist,filmmaker,lawyer,attorney,doctor,surgeon,nurse,teacher,pilot,activist,journalist,reporter,photographer,scientist,researcher,chef,architect,entrepreneur,billionaire,businessman,businesswoman,engineer,detective,soldier,priest,athlete,runner,swimmer,boxer,golfer,cyclist,musician,composer,conductor,comedian,dancer,strategist,consultant,fellow,lecturer,scholar,physicist,chemist,biologist,epidemiologist,virologist,diplomat,negotiator,mediator,candidate,challenger,incumbent,nominee,campaigner,organizer,organiser,volunteer,official,owner,executive,senior vice president,executive vice president,chief scientist,
member,council member,councilmember,board member,school board member,board president,board vice president,board chairman,board chair,city council member,committee member,general secretary,barrister,solicitor,counsel,microbiologist,ecologist,geologist,hydrologist,statistician,sociologist,political scientist,economist,tenant,homeowner,landlord,farmer,shopkeeper,trader,commuter,retiree,ward sister,staff nurse,matron,midwife,sheriff,district judge,circuit judge,magistrate judge,chief judge,high court judge,county executive,county commissioner,treasurer,clerk,auditor,comptroller,registrar,provost,dean,principal,headteacher,headmaster,headmistress,chairperson,
agent,special agent,accountant,bookkeeper,trustee,vicar,rector,imam,rabbi,pastor,chaplain,presenter,broadcaster,columnist,biographer,curator,agronomist,geneticist,technician,surveyor,planner,campaign manager,police chief,fire chief,chief constable,constable,coroner,advocate,district attorney,state attorney,public defender,returning officer,corporator,mla,mca,selectman,supervisor,vice-chancellor,senior lecturer,assistant coach,winger,forward,sprinter,marathoner,jockey,referee,umpire,pacemaker,race director,athletics coach,investor,fund manager,portfolio manager,broker,economist,statistician,epidemiologist,paramedic,firefighter,officer,police officer,spokesperson,secretary-general,permanent secretary,principal secretary,cabinet secretary,county secretary,auditor-general,attorney-general,solicitor-general,cllr,cllr.,champion,defending champion,world champion,co-author,lead author,
grower,breeder,plant breeder,deputy,warder,prison warder,finalist,collector,district collector,deputy collector,gp,painter,sculptor,cartographer,illustrator,designer,potter,assistant,bookseller,publisher,
mayor-elect,governor-elect,senator-elect,member of parliament,election commissioner,state election commissioner,chief electoral officer,district chief executive,investigator,principal investigator,lead researcher,lead investigator,chief officer,chief superintendent,chief inspector,detective sergeant,detective constable,detective superintendent,detective chief inspector,detective chief superintendent,police constable,sgt,insp,insp.,supt,supt.,ch supt,det sgt,det insp,det con,det supt,det ch insp,det ch supt,
td,mla,mpp,msp,mhk,skipper,vice-captain,opener,opening batsman,batsman,batter,bowler,spinner,all-rounder,wicketkeeper,wicket-keeper,flanker,full-back,fullback,fly-half,scrum-half,wing,number eight,quarterback,pitcher,shortstop,point guard,
outside-half,hooker,prop,lock,replacement scrum-half,director of rugby,
superintendent of police,senior superintendent of police,deputy superintendent of police,assistant superintendent of police,station house officer,inspector general,inspector general of police,deputy inspector general,additional inspector general,sub-inspector,assistant sub-inspector,head constable,ssp,dsp,sho,asi,dig,igp,
harbour master,harbor master,harbourmaster,harbormaster,coordinator,humanitarian coordinator,country director,head of programmes,head of programs,group manager,writer in residence,writer-in-residence,neurologist,cardiologist,physician,oncologist,paediatrician,pediatrician,psychiatrist,radiologist,anaesthetist,anesthesiologist,
minister of state,senior minister of state,senior minister,advocate general,additional advocate general,advocate-general,senior advocate,battalion chief,division chief,deputy chief,assistant chief,fire captain,convener,convenor,cathaoirleach,drummer,guitarist,bassist,vocalist,lead singer,frontman,frontwoman,keyboardist,
corporal,lance corporal,detective corporal,police corporal,detective inspector,resident magistrate,critic,opposition critic,
ranking member,ranking democrat,ranking republican,
managing partner,senior partner,equity partner,founding partner,partner,general counsel,solicitor general,co-head,regent,undersheriff,deputy sheriff,steward,shop steward,obstetrician,vet,veterinarian,medical director,nursing director,director of nursing,associate,senior associate`

// nerTitleModifiers may precede a title without changing it.
var nerTitleModifiers = nerSet("chief,consultant,special,permanent,principal,shadow,municipal,metropolitan,provincial,incumbent,sitting,acting,interim,former,deputy,senior,junior,assistant,associate,executive,vice,then,outgoing,incoming,new,current,longtime,federal,regional,global,national,state")

// nerPortfolios are the domains of ministers and secretaries, which become
// part of the title ("Finance Minister").
var nerPortfolios = nerSet("sanitation,prevention,disease,diseases,surveillance,manpower,islands,roads,lands,police,policing,pensions,disability,equality,arts,heritage,prisons,finance,foreign,defence,defense,interior,home,health,education,transport,transportation,energy,trade,justice,labour,labor,agriculture,environment,economy,economic,economics,commerce,treasury,culture,industry,housing,communications,information,tourism,sports,oil,petroleum,mining,water,fisheries,immigration,security,veterans,affairs,digital,science,technology,development,planning,infrastructure,budget,revenue,climate,foreign affairs,public,works,social,welfare,women,youth,family,urban,rural,land,navy,army,air,force")

// nerOrgHeads are words that end (or head, "Bank of ...") organisation
// names.
var nerOrgHeads = nerSet("llp,athletics,cycling,racing,motorsport,gallery,galleries,dairy,dairies,farms,bakery,brewery,distillery,creamery,winery,partnership,cooperative,co-operative,co-op,church,architects,construction,builders,contractors,engineering,rovers,wanderers,rangers,athletic,albion,united,fc,afc,hotspur,inc,inc.,corp,corp.,corporation,bhd,bhd.,berhad,mobile,co,co.,company,companies,ltd,ltd.,llc,plc,ag,sa,s.a.,nv,n.v.,gmbh,spa,ab,asa,holdings,holding,group,airlines,airline,airways,air,bank,ministry,department,office,agency,council,commission,union,university,college,school,institute,party,association,organization,organisation,court,parliament,congress,senate,assembly,force,forces,army,navy,guard,police,committee,federation,foundation,fund,trust,authority,board,bureau,service,services,administration,motors,motor,industries,technologies,systems,network,networks,media,news,times,post,journal,television,tv,radio,broadcasting,social,capital,partners,securities,exchange,energy,petroleum,oil,gas,electric,telecom,communications,pharmaceuticals,labs,laboratories,studios,records,entertainment,club,league,team,hospital,center,centre,museum,coalition,alliance,movement,front,brigade,brigades,cabinet,government,secretariat,tribunal,reserve,command,research,consulting,consultants,analytics,forensics,security,economics,advisors,advisers,associates,insights,strategies,solutions,logistics,resources,ventures,investments,brands,foods,stores,mart,aerospace,aviation,automotive,auto,electronics,software,pharma,therapeutics,biotech,chemicals,steel,mining,railways,railway,rail,shipping,lines,transit,motors,program,programme,brothers,bros,bros.,automobile,automobiles,cars,semiconductor,semiconductors,instruments,dynamics,democrats,republicans,socialists,conservatives,liberals,greens,communists,nationalists,unionists,tories,labour")

// nerPlaceHeads end the names of places and facilities.
var nerPlaceHeads = nerSet("lane,stadium,arena,oval,airport,ocean,sea,river,lake,mountain,mountains,mount,island,islands,bay,strait,canal,valley,peninsula,desert,park,square,avenue,bridge,province,county,district,region,state,city,town,village,coast,gulf,harbour,harbor,port,beach,falls,forest,glacier,highway,boulevard,road,street,plaza")

// nerInstHeads are institutional head nouns: a name of several words
// that opens with one ("Office for Coastal Standards", "Trust Fund for
// Rivers", "Friends of the Arlow River", and in French, Spanish and
// Portuguese "Banco Rio-Claro", "Fundación X") names an organisation,
// never a person or a place.
var nerInstHeads = nerSet("friends,banco,banca,banque,grupo,groupe,compagnie,société,sociedad,fundación,fondation,fundação,instituto,institut,universidad,université,universidade,ministerio,ministère,office,ministry,department,agency,authority,council,commission,board,bureau,institute,trust,fund,partnership,alliance,foundation,committee,inspectorate,directorate,federation,association,society,tribunal,academy,coalition,secretariat,commissioner,ombudsman")

// nerServiceDistricts are the services a US special district is named
// for ("Sierra Fire Protection District", "Kern Water District"): such a
// district is a public body, not an area.
var nerServiceDistricts = nerSet("conservancy,fire,protection,water,sanitation,sanitary,irrigation,utility,utilities,hospital,transit,conservation,recreation,park,parks,library,sewer,drainage,flood,mosquito,cemetery,ambulance,healthcare")

// nerPlacePrefixes open the names of natural places: "River Wendle",
// "Lake Orvan", "Mount Kessel".
var nerPlacePrefixes = nerSet("river,lake,loch,lough,mount,mt.,cape,isle,fort,port,sungai,kuala,bukit,pulau,tanjung,teluk,kampung,gunung")

// nerRomancePlacePrefixes open the names of natural places in Spanish,
// Portuguese and Italian, words no English name or surname opens with:
// "Punta Seca", "Cerro Alto", "Laguna Verde".
var nerRomancePlacePrefixes = nerSet("punta,cerro,lago,laguna,playa,bahía,bahia,cabo,río,arroyo,pico,praia")

// nerRomanceParticlePrefixes open French, Spanish and Italian place
// names when a particle follows ("Col du Marbrier", "Lac de Sérac", "Pas
// de Verrières", "Puerto de la Cruz"): alone they are also
// abbreviations, surnames or English words ("Col Smith", "Monte").
var nerRomanceParticlePrefixes = nerSet("col,lac,pas,mont,monte,val,pointe,île,ile,puerto,porto,rio,sierra,baie,cap,golfe,étang,plage,forêt,bois,passo,colle,isla")

// nerPlaceLeanHeads end names of places but are also surnames ("Cobley
// Weir", "Peter Weir"): a lean to a place that context can overturn.
var nerPlaceLeanHeads = nerSet("head,dale,vale,fork,wells,mills,sands,heights,crossing,weir,brook,fen,marsh,creek,reservoir,estuary,wharf,quay,stream,pass,point,gorge,ridge,inlet,headland,lagoon")

// nerOrgLeadHeads head an organisation name when followed by "of"
// ("Office of Foreign Assets Control", "Bank of England").
var nerOrgLeadHeads = nerSet("journal,church,chamber,office,bank,ministry,department,university,college,institute,council,commission,committee,organization,organisation,association,federation,union,court,house,board,bureau,agency,academy,church,school,party,league,federal,central,national,people's,peoples")

// nerOrgNouns are common nouns that refer back to an organisation ("the
// authority's general manager").
var nerOrgNouns = nerSet("consortium,system,society,federation,broker,brokerage,consultancy,partnership,trust,alliance,foundation,cooperative,coalition,charity,hospital,church,company,firm,group,carrier,airline,automaker,carmaker,manufacturer,bank,agency,authority,utility,organisation,organization,alliance,ministry,department,government,administration,council,commission,board,lender,insurer,retailer,operator,regulator,union,party,university,club,team,bloc,network,court,fund,institute,association,business,conglomerate,startup,broadcaster,newspaper,paper,developer,producer,supplier,maker,division,label")

// nerStop are capitalised words that start sentences or clauses and are
// never names on their own.
var nerStop = nerSet(`the,a,an,ex,former,rival,rivals,whereas,in,on,at,by,for,from,to,of,with,without,and,but,or,nor,so,yet,if,when,while,whilst,as,after,before,since,until,during,because,although,though,despite,however,meanwhile,moreover,furthermore,also,still,then,now,today,yesterday,tomorrow,this,that,these,those,there,here,it,its,he,she,they,we,you,i,me,him,her,them,us,his,their,our,your,my,who,whom,whose,what,which,where,why,how,not,no,yes,all,both,each,every,some,any,many,most,more,much,few,several,such,other,another,one,two,three,four,five,six,seven,eight,nine,ten,first,second,third,last,next,old,under,over,above,below,between,among,amid,against,about,around,through,throughout,within,into,onto,upon,via,per,like,unlike,just,only,even,already,again,once,later,earlier,soon,never,always,often,instead,indeed,thus,hence,therefore,otherwise,nevertheless,nonetheless,overall,altogether,according,asked,speaking,let,please,dear,mr,mrs,ms,oh,well,ok,okay,yet,shortly,finally,additionally,currently,recently,previously,initially,eventually,separately,similarly,likewise,perhaps,maybe,sources,officials,analysts,experts,critics,residents,people,police,reports,reporting,editing,breaking,update,updated,read,watch,see,photo,video,related,advertisement,subscribe,copyright,source,note,image,caption,file,click,share,everyone,everybody,someone,somebody,nobody,anyone,anybody,everything,nothing,something,anything,whatever,whoever,yesterday's,today's`)

// nerCalendar are month, day and holiday names: never names of entities,
// whatever FindTimes reports, except the ambiguous ones (see calendarWord).
var nerCalendar = nerSet("january,february,march,april,may,june,july,august,september,october,november,december,jan,jan.,feb,feb.,mar,mar.,apr,apr.,jun,jun.,jul,jul.,aug,aug.,sep,sep.,sept,sept.,oct,oct.,nov,nov.,dec,dec.,monday,tuesday,wednesday,thursday,friday,saturday,sunday,mon,tue,tues,wed,thu,thur,thurs,fri,sat,sun,christmas,easter,ramadan,eid,thanksgiving,hanukkah,diwali")

// nerNotNames are capitalised abbreviations that name no entity.
var nerNotNames = nerSet("agm,egm,obe,mbe,cbe,kbe,dbe,gcse,gcses,gp,gps,ebitda,ebit,esg,ev,evs,ppe,kpi,kpis,r&d,m&a,ict,sme,smes,ngo,ngos,mri,gst,gmo,gmos,pfas,pfoa,ppm,kw,mw,gw,kwh,mwh,gwh,ghg,nox,atm,atms,sim,hq,eps,roi,cagr,yoy,qoq,gdp,ceo,cfo,coo,cto,ipo,ai,tv,pc,usb,dvd,gps,hiv,aids,covid,co2,ok,am,pm,a.m.,p.m.,fm,usd,eur,gbp,etf,lng,gmt,utc,est,pdf,faq,id,it,vat,ram,cpu,suv,mp,mps,ceos,q1,q2,q3,q4,bc,ad,ph.d.,phd,dna,rna,led,lcd,hd,uk's,ps,pr,hr,rip,vs,tba,eta,asap,fyi,diy,vip,mph,kph,km,kg,lb,sms,api,url,www,html,ok.")

// nerPersonPrefixes are honorifics before people's names.
var nerPersonPrefixes = nerSet("mr,mr.,mrs,mrs.,ms,ms.,miss,dr,dr.,prof,prof.,sir,dame,lord,lady,rev,rev.,reverend,mx,madam,madame,monsieur,herr,frau,señor,senor,smt,smt.,shri,shri.,sri,shrimati,alhaji,alhaja,hajia,hajiya,mallam,hon,hon.,honourable,honorable,justices,cllr,cllr.,eng,eng.,datuk,dato,dato',datin,puan,encik,tun,ir,ir.,atty,atty.,engr,engr.")

// nerPostNominals follow a person's name without being part of it:
// "Helena Brightmore KC", "Lakshmi Venkataraman, IAS".
// nerSeriAfter are the honorifics that "Seri" follows as part of a title
// of two words ("Datuk Seri NAME"); "Seri" alone begins names of places.
var nerSeriAfter = nerSet("datuk,dato,dato',datin")

var nerPostNominals = nerSet("kc,qc,sc,ias,ips,ifs,obe,mbe,cbe,kbe,dbe,frs,jp,mp,msp,mep")

// nerSpeechVerbs follow a speaker ("Rutte said") or precede one ("said
// Rutte").
var nerSpeechVerbs = nerSet("said,says,told,added,stated,noted,wrote,writes,argued,explained,warned,announced,claimed,insisted,replied,responded,declared,remarked,commented,tweeted,posted,urged,stressed,acknowledged,admitted,recalled,concluded,asserted,suggested,cautioned,predicted,continued,confirmed,denied,thanked,praised,criticized,criticised,met,visited,spoke,called,hosted,agreed,decided,defended,discussed,likened,believes,thinks,wants,hopes,said:")

// nerNameParticles join the parts of a person's or place's name.
var nerNameParticles = nerSet("de,da,di,del,della,der,den,des,van,von,le,la,du,dos,das,al,el,bin,ibn,bint,ter,ten,y,st.,saint")

// nerSet returns the set of the words of a comma-separated list. The set
// is empty until loadGazetteer fills it, so that the package's many word
// lists cost nothing at start-up; everything that reads them (the entity
// recogniser, FindTimes) loads the gazetteer first.
func nerSet(list string) map[string]bool {
	m := make(map[string]bool)
	nerSets = append(nerSets, nerSetList{m, list})
	return m
}

type nerSetList struct {
	m    map[string]bool
	list string
}

// nerSets are the sets nerSet made, to be filled.
var nerSets []nerSetList

func fillNerSets() {
	for _, s := range nerSets {
		for _, w := range strings.Split(s.list, ",") {
			w = strings.TrimSpace(w)
			if w != "" {
				s.m[w] = true
			}
		}
	}
}

// gazEntry is what the gazetteer knows about a name.
type gazEntry struct {
	canon  string
	kind   Kind
	places []string // canonical places for topic matching
	// placesID is places' index in gazPlaces, 0 if there are none: a
	// candidate holds the index rather than the 24-byte slice.
	placesID int32
	demonym  bool // "Russian": an adjective for the place
	acronym  bool
	// byKey is the key that groups the entity's mentions in resolve,
	// "gaz:" and canon, made once rather than for each of the millions of
	// mentions a long text may have.
	byKey string
}

// nerGaz maps a name, as lower-case tokens joined by single spaces, to its
// entry. nerGazMaxLen is the longest name in tokens.
var (
	nerGaz       map[string]*gazEntry
	nerGazMaxLen int
	// nerGazKeyMax is the longest key in bytes.
	nerGazKeyMax int
	// gazPlaces holds the entries' places by placesID; 0 is no list.
	gazPlaces = [][]string{nil}
	// nerTitleSet holds every title, lower case tokens joined by spaces;
	// nerTitleMaxLen is the longest in tokens.
	nerTitleSet    map[string]bool
	nerTitleMaxLen int
	// nerTitleFirst and nerTitleLast hold the first and last tokens of
	// the titles, so that a lookup can be skipped where none starts or
	// ends.
	nerTitleFirst, nerTitleLast map[string]bool
	gazetteerOnce               sync.Once
)

// loadGazetteer builds the gazetteer and the title tables on first use, so
// that importing the package costs no start-up time. Everything that reads
// them (newNER, FindTimes) calls it first.
func loadGazetteer() { gazetteerOnce.Do(buildGazetteer) }

func buildGazetteer() {
	fillNerSets()
	nerGaz = make(map[string]*gazEntry)
	add := func(name string, e *gazEntry) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		toks := nerTokenize(name)
		key := nerKey(toks, 0, len(toks))
		if _, ok := nerGaz[key]; ok {
			return // first entry wins: countries before cities
		}
		e.byKey = "gaz:" + e.canon
		if len(e.places) > 0 {
			gazPlaces = append(gazPlaces, e.places)
			e.placesID = int32(len(gazPlaces) - 1)
		}
		nerGaz[key] = e
		nerGazKeyMax = max(nerGazKeyMax, len(key))
		if len(toks) > nerGazMaxLen {
			nerGazMaxLen = len(toks)
		}
	}
	for _, line := range strings.Split(gazCountries, "\n") {
		f := strings.Split(line, ";")
		for len(f) < 4 {
			f = append(f, "")
		}
		c := f[0]
		places := []string{c}
		add(c, &gazEntry{canon: c, kind: Place, places: places})
		for _, a := range strings.Split(f[1], ",") {
			add(a, &gazEntry{canon: c, kind: Place, places: places})
		}
		for _, d := range strings.Split(f[2], ",") {
			add(d, &gazEntry{canon: c, kind: Place, places: places, demonym: true})
		}
		for _, city := range strings.Split(f[3], ",") {
			city = strings.TrimSpace(city)
			canon := city
			if city == "Hague" {
				canon = "The Hague"
			}
			if city == "Kiev" {
				canon = "Kyiv"
			}
			add(city, &gazEntry{canon: canon, kind: Place, places: []string{c}})
		}
	}
	for _, s := range strings.Split(gazStates, ",") {
		add(s, &gazEntry{canon: s, kind: Place, places: []string{"United States"}})
	}
	for _, line := range strings.Split(gazProvinces, "\n") {
		f := strings.Split(line, ";")
		add(f[0], &gazEntry{canon: f[0], kind: Place, places: []string{f[1]}})
	}
	for _, line := range strings.Split(gazRegions, "\n") {
		f := strings.Split(line, ";")
		places := []string{f[0]}
		add(f[0], &gazEntry{canon: f[0], kind: Place, places: places})
		for _, a := range strings.Split(f[1], ",") {
			add(a, &gazEntry{canon: f[0], kind: Place, places: places})
		}
		for _, d := range strings.Split(f[2], ",") {
			add(d, &gazEntry{canon: f[0], kind: Place, places: places, demonym: true})
		}
	}
	for _, line := range strings.Split(gazOrgs, "\n") {
		f := strings.Split(line, ";")
		var places []string
		if f[2] != "" {
			places = strings.Split(f[2], ",")
		}
		add(f[0], &gazEntry{canon: f[0], kind: Org, places: places, acronym: nerIsAcronym(f[0])})
		for _, a := range strings.Split(f[1], ",") {
			add(a, &gazEntry{canon: f[0], kind: Org, places: places, acronym: nerIsAcronym(a)})
		}
	}
	nerTitleSet = make(map[string]bool)
	nerTitleFirst, nerTitleLast = make(map[string]bool), make(map[string]bool)
	for _, t := range strings.Split(nerTitles, ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		toks := nerTokenize(t)
		nerTitleSet[nerKey(toks, 0, len(toks))] = true
		nerTitleFirst[toks[0].lower()] = true
		nerTitleLast[toks[len(toks)-1].lower()] = true
		if n := len(toks); n > nerTitleMaxLen {
			nerTitleMaxLen = n
		}
	}
}

func nerIsAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || (r >= '0' && r <= '9') || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

// nerAuxVerbs are auxiliary verbs, which may follow a place that is the
// end of a subject ("Farmers across Rangiwhero have …").
var nerAuxVerbs = nerSet("have,has,had,are,were,will,would,can,could,should,might,must,did,does,do")
