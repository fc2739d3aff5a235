package extract

import (
	"strings"
	"testing"
	"time"
)

// The tests below pin down the classes of issue 11 (facts right on news
// in house styles the extractor was not developed on), each on invented
// sentences of its own, not on the held-out articles, so that a rule that
// only fits those articles fails here.

// hoExtract runs Extract on text published on pub (YYYY-MM-DD).
func hoExtract(t *testing.T, text, pub string) *Document {
	t.Helper()
	p, err := time.Parse("2006-01-02", pub)
	if err != nil {
		t.Fatal(err)
	}
	return Extract(text, p)
}

// hoCheckKinds checks that each text gives an entity of the name, of the
// kind.
func hoCheckKinds(t *testing.T, tests []struct {
	text string
	name string
	kind Kind
}) {
	t.Helper()
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, "2026-05-12")
		e := hoEntity(doc, tt.name)
		if e == nil {
			t.Errorf("%q: no entity %q in %v", tt.text, tt.name, hoNames(doc))
			continue
		}
		if e.Kind != tt.kind {
			t.Errorf("%q: %q is %s, want %s", tt.text, tt.name, e.Kind, tt.kind)
		}
	}
}

func hoEntity(doc *Document, name string) *Entity {
	for i := range doc.Entities {
		if doc.Entities[i].Name == name {
			return &doc.Entities[i]
		}
	}
	return nil
}

func TestUnseenStylesKinds(t *testing.T) {
	tests := []struct {
		text string
		name string
		kind Kind
	}{
		// Honorifics and post-nominals stay out of names.
		{"The case was opened by Rupert Vance KC, prosecuting.", "Rupert Vance", Person},
		{"Its chairman, Smt. Meera Pillai, IAS, said the work was done.", "Meera Pillai", Person},
		{"Alhaji Garba Lawan said the party would win.", "Garba Lawan", Person},
		// Firms with "&" are one organisation.
		{"The audit was done by Marsh & Tolley Partners last year.", "Marsh & Tolley Partners", Org},
		{"Shares in Brick & Slate rose 4% on Monday.", "Brick & Slate", Org},
		// Organisation heads of other kinds.
		{"The Hollis Valley Grain Cooperative went bankrupt in 2019.", "Hollis Valley Grain Cooperative", Org},
		{"Fans of Kirkby Wanderers were delighted on Saturday.", "Kirkby Wanderers", Org},
		{"They are two points behind Ashford Town, who lost 2-0. Ashford Town play Leeds next.", "Ashford Town", Org},
		// Places by context.
		{"Troops entered the port city of Mavrosa on Friday.", "Mavrosa", Place},
		{"The rally was held in Kalimba, the state capital, on Monday.", "Kalimba", Place},
		{"Protests spread from the capital, Dorvan, to the north.", "Dorvan", Place},
		{"The farm lies 40 miles north of Brellington.", "Brellington", Place},
		{"Residents of Oakhollow said the water was brown.", "Oakhollow", Place},
		// A US state abbreviated after a town.
		{"She was born in Tallow Creek, Neb., in 1950.", "Nebraska", Place},
		// A department's portfolio of two parts is one name.
		{"The Department of Health and Seniors Care will publish it.", "Department of Health and Seniors Care", Org},
		{"The Ministry of Housing and Local Government said so.", "Ministry of Housing and Local Government", Org},
		// A nickname in quotation marks inside a name.
		{"Kemar Blake, 24, and Andre \"Shorty\" Moxley, 31, are charged. Moxley was held on Monday.", "Andre \"Shorty\" Moxley", Person},
		// "Rival" opening a sentence describes the name after it.
		{"Rival Goldmere Bay Properties Ltd reported a drop on Tuesday.", "Goldmere Bay Properties Ltd", Org},
		// Security firms by their head word.
		{"The company hired Ashgrove Forensics to investigate.", "Ashgrove Forensics", Org},
		{"The breach came after rival Tallmark Security disclosed an attack.", "Tallmark Security", Org},
		// A party is no part of a name.
		{"Republican Anna Holtz beat Democrat Marcus Leary on Tuesday.", "Anna Holtz", Person},
		// Second round of issue 11.
		{"FARLEY, Qld — Police said on Monday the road was shut.", "Queensland", Place},
		{"LISMORE, Ont. — Buses stopped on Monday.", "Ontario", Place},
		{"Patients waited in hospitals across Co Tullow last month.", "Co Tullow", Place},
		{"Trade fell in the Kavani district and across Marra province.", "Marra", Place},
		{"Police patrolled the Ruvu district. The Ruvu District Council met later.", "Ruvu", Place},
		{"Asha Penn, the Labour MP for Dornley, said no.", "Dornley", Place},
		{"Porthcawl Falcons beat Dale Rangers. The Falcons are top.", "Porthcawl Falcons", Org},
		{"Shares in Tarrow Fuels Pty Ltd. They fell 3% on Monday.", "Tarrow Fuels Pty Ltd.", Org},
		{"Patients waited at St Anne's University Hospital on Monday.", "St Anne's University Hospital", Org},
		{"Opener Amir Khan made 80.", "Amir Khan", Person},
		{"Analysts at Pellow Hunt said the results were strong.", "Pellow Hunt", Org},
		{"DRAYTON, Ont. — Ferry and bus service in Drayton stopped on Monday.", "Drayton", Place},
		{"The last service, between Orvane and Kell Harbour, ran on Monday.", "Orvane", Place},
		{"The firm will close its works at Dallowby, near Stoke-on-Trent.", "Dallowby", Place},
		{"The firm will close its works at Dallowby, near Stoke-on-Trent.", "Stoke-on-Trent", Place},
		{"Born in Kelty, Fife, she trained as a nurse.", "Fife", Place},
		{"She left to found her own firm, Varley Charts, in Oban.", "Varley Charts", Org},
		{"Alhaji Issah Dauda, a farmer at Nsuaem, said so.", "Nsuaem", Place},
		{"The port city of Porthwen will sell its sheds. The Porthwen Harbour Society objected.", "Porthwen", Place},
		{"She trains at the Kaptagat camp.", "Kaptagat", Place},
		{"Her time beat the record set by Mercy Wanjiku in 2023.", "Mercy Wanjiku", Person},
		{"The last service, between Orvane and Kell Harbour, ran on Monday.", "Kell Harbour", Place},
		{"The sale of its citrus arm, Fridays Valley Citrus Ltd, was agreed.", "Fridays Valley Citrus Ltd", Org},
		{"Asha Penn, the Labour MP for Dornley, said no.", "Labour", Org},
		// An institution's head is of an institution.
		{"In 1981 she became headteacher of Ysgol Glanrafon, which she ran for twenty years.", "Ysgol Glanrafon", Org},
		// Kin are people.
		{"He is survived by his sons, Dafydd and Iolo, and a sister.", "Iolo", Person},
		// A region after "in the".
		{"Sales fell 3%. The chain will open four stores in the Fenlands next year.", "Fenlands", Place},
		// A person "of" a country.
		{"She beat Almaz Bekele of Ethiopia by a second.", "Almaz Bekele", Person},
		{"She beat Almaz Bekele of Ethiopia by a second.", "Ethiopia", Place},
		{"Republican Anna Holtz beat Democrat Marcus Leary on Tuesday.", "Democrat", Org},
		// An age after a name.
		{"Colm Brady, 71, and Ita Brady, 68, were rescued. \"Colm and Ita are fine,\" a neighbour said.", "Colm Brady", Person},
		// Fifth round: a rank's abbreviation and jurisdiction are no
		// part of a name; "NAME alias NAME" names a person twice.
		{"Deputy Inspector General (DIG) South Omar Siyal praised the team.", "Omar Siyal", Person},
		{"The dead were identified as Sajid alias Pappu and Naveed Lund.", "Sajid", Person},
		{"The dead were identified as Sajid alias Pappu and Naveed Lund.", "Naveed Lund", Person},
		// A name listing its trades with commas, spelt out by its
		// acronym, is one organisation; Urdu names joined by "-e-".
		{"The Meat, Fish and Poultry Workers Association (MFPWA) called a strike.", "Meat, Fish and Poultry Workers Association", Org},
		{"He was arrested at a house in Bagh-e-Noor on Monday night.", "Bagh-e-Noor", Place},
		{"She ran the Quebec plants of Pinefield Dairy Co-operative for a decade.", "Pinefield Dairy Co-operative", Org},
		// "the X police station" is the station, named for its area;
		// "a resident of X" is of a place.
		{"A case was registered at the Sadiqpura police station on Friday.", "Sadiqpura police station", Org},
		// A rank the text wrote out, shortened to its initials before
		// the surname, is no part of the name.
		{"Deputy Superintendent of Police (Saddar circle) Nabeel Soomro raided the house. DSP Soomro said two men fled.", "Nabeel Soomro", Person},
		{"Returning Officer Rehana Kazmi ordered a recount. RO Kazmi said the count was fair.", "Rehana Kazmi", Person},
		{"The case was filed by Ali Raza, a resident of Nishatpur. He said he paid in March.", "Nishatpur", Place},
		{"The case was filed by Ali Raza, a resident of Qasimpur, who said he paid in March.", "Qasimpur", Place},
		// Sixth round: Malaysian and Philippine honorifics, of one word
		// or two, are no part of a name.
		{"State housing committee chairman Datuk Seri Rahim Osman said the flats were ready.", "Rahim Osman", Person},
		{"Tan Sri Lee Chong Wah opened the plant on Monday.", "Lee Chong Wah", Person},
		{"The agency's engineer, Ir. Faridah Yusof, said the dam was safe.", "Faridah Yusof", Person},
		{"His lawyer, Atty. Ramon Cruz, said he would appeal.", "Ramon Cruz", Person},
		{"Puan Salmah Idris said the market would reopen.", "Salmah Idris", Person},
		// "Ma." (Maria) in a Filipino name ends no sentence.
		{"Kalingan Gov. Ma. Teresa Lim-Uy ordered an audit.", "Ma. Teresa Lim-Uy", Person},
		// Sixth round: company suffixes and heads of other house styles;
		// a plural of "-man" owns a name as "Farmers'" does; "Journal of
		// X" is one name.
		{"The contract went to Setia Jaya Bina Sdn Bhd in 2023.", "Setia Jaya Bina Sdn Bhd", Org},
		{"She joined from rival Kelso Mobile in 2022.", "Kelso Mobile", Org},
		{"Ian Roe, who chairs the Cragside Fishermen's Co-operative, said no.", "Cragside Fishermen's Co-operative", Org},
		{"The study appeared on Monday in the Journal of Renal Medicine.", "Journal of Renal Medicine", Org},
		// Sixth round: the province or country after a dateline's town,
		// when no gazetteer knows it, is a place even when it also opens
		// an organisation's name; "Man." is Manitoba after a town.
		{"KORANDI, Velbaro — Rain closed schools on Monday, the Velbaro Weather Service said.", "Velbaro", Place},
		{"SAN TEODORO, Kalingan (Coastline) — Kalingan Gov. Ana Ruiz ordered an audit.", "Kalingan", Place},
		{"MAPLE BEND, Man. (Coastline) — The plant closed on Monday.", "Manitoba", Place},
		// Sixth round: natural places by a Malay first word or by a last
		// word of a landform.
		{"The wall along the Sungai Lendu will be finished in May.", "Sungai Lendu", Place},
		{"Convoys were turned back at the Korsan Pass checkpoint.", "Korsan Pass", Place},
		{"The new crossing on the Waipuna Stream was approved.", "Waipuna Stream", Place},
		{"Trips to the settlement of Tarewa Point take longer now.", "Tarewa Point", Place},
		// Sixth round: a word written as a place that also opens an
		// organisation's name (and a building's) stays a place.
		{"The Korvali Farmers' Association met at Wisma Korvali. Farmers across Korvali have waited for months.", "Korvali", Place},
		{"The Dessan Residents' Association met at Wisma Dessan. It is the longest wall in Dessan.", "Dessan", Place},
		// Sixth round: "from X to Y" with Y a place by its shape.
		{"The ship was carrying grain from Vellerup to Port Carrow.", "Vellerup", Place},
		// Sixth round: a river's bare name is the river.
		{"Villages along the Kaloa River flooded. The bridge over the Kaloa stays closed.", "Kaloa River", Place},
		// Sixth round: Māori "o" (of) inside a name opening with "Te".
		{"Hone Parata, chairman of Te Rūnanga o Ngāti Korimako, said the iwi agreed.", "Te Rūnanga o Ngāti Korimako", Org},
		// Seventh round: a Chinese given name's lower-case half.
		{"Finance director Chan Siu-ming said costs rose.", "Chan Siu-ming", Person},
		{"Analyst Peter Ho Kwok-wai of Tai Fung Securities said rents fell. Mr Ho said more cuts were due.", "Peter Ho Kwok-wai", Person},
		// Seventh round: spelled-out and plural honorifics, titles of fire
		// services and a judge named again by title and surname.
		{"Speaking in Kasempa, Honourable Ruth Banda said the road would be built.", "Ruth Banda", Person},
		{"A bench comprising Justices Kavita Menon and R.P. Saxena heard the case.", "Kavita Menon", Person},
		{"\"The fire is moving fast,\" said Battalion Chief Dora Villegas of the Pine Ridge Fire District.", "Dora Villegas", Person},
		{"Justice Asha Kurup heard the petition. \"The law is clear,\" Justice Kurup observed.", "Asha Kurup", Person},
		// Seventh round: the town of a legislator's party tag is a place.
		{"The bill's sponsor, state Sen. Ann Voss, D-Brill Springs, spoke first.", "Brill Springs", Place},
		// Seventh round: a US special district is a body.
		{"Crews from the Tamarack Fire Protection District reached the ridge.", "Tamarack Fire Protection District", Org},
		// Seventh round: a town named only before a work built there and
		// inside an organisation's name is the town.
		{"Work on the Dunrow bypass starts in May. Dunrow Garda Station will move.", "Dunrow", Place},
		// Seventh round: an apposition to an operator or a band.
		{"The council will meet the ferry operator, Skerry Link, next week.", "Skerry Link", Org},
		{"Storms damaged the Kelwick sea wall. The Kelwick Harbour Trust will pay.", "Kelwick", Place},
		{"The Oxbow Water District raised rates.", "Oxbow Water District", Org},
		{"Flooding hit villages across the Kessel District on Monday.", "Kessel District", Place},
	}
	hoCheckKinds(t, tests)
}

func hoNames(doc *Document) []string {
	var out []string
	for _, e := range doc.Entities {
		out = append(out, string(e.Kind)+":"+e.Name)
	}
	return out
}

func TestUnseenStylesNotNames(t *testing.T) {
	tests := []struct {
		text string
		word string
	}{
		{"Turnout was 38%, officials said.", "Turnout"},
		// Fifth round: a rank's initials before a surname, a rank's
		// abbreviation in parentheses and a stock ticker name nothing.
		{"Returning Officer Rehana Kazmi ordered a recount. RO Kazmi said the count was fair.", "RO Kazmi"},
		{"The injured man, Assistant Sub-Inspector (ASI) Rahim Bux, was taken to hospital.", "ASI"},
		{"Brantwell Foods Inc. (TSX: BWF) said Tuesday that sales rose.", "BWF"},
		{"Police held two men at the Dhok Ratta police station. Station House Officer Inspector Sadia Gill said a case was filed.", "House"},
		{"Born in 1941 in a mining village, Ada Penhale trained as a teacher.", "Born"},
		{"Algae living in the pond can break down oil. Algae grow fast.", "Algae"},
		{"She represents the city's 5th Ward on the council.", "Ward"},
		{"Shops will close on Labor Day, the union said.", "Labor Day"},
		{"Irrigation fund pays farmers\n\nThe Volta Basin Irrigation Fund paid GH¢12 million on Monday.", "Irrigation"},
		{"The Volta Basin Irrigation Fund paid GH¢12 million on Monday.", "GH"},
		{"DRAYTON, Ont. — Ferry and bus service in Drayton stopped on Monday.", "Ferry"},
		{"Record 61 on trolleys at Kelby hospital, union says\n\nSixty-one patients waited at Kelby General Hospital on Monday.", "Record"},
		{"The Finance Bill was passed by the assembly on Tuesday.", "Finance Bill"},
		{"The Local Government Act 2000 requires a vote.", "Local Government Act"},
		{"The move was approved at the AGM. He was awarded the OBE.", "AGM"},
		{"The move was approved at the AGM. He was awarded the OBE.", "OBE"},
		{"Tessaro Labs unveiled the Nimbus 3000 on Tuesday. The Nimbus will ship in March.", "Nimbus"},
		{"Oran MCAs reject roads budget\n\nMembers of the Oran County Assembly rejected the budget on Monday.", "Oran MCAs"},
		// Sixth round: a month before a common noun is no name.
		{"The bridge was washed out in the May floods.", "May"},
		// Sixth round: "Seri" is an honorific only after "Datuk".
		{"Floods hit Taman Seri Kembang on Monday. Seri Kembang residents left.", "Kembang"},
		// Seventh round: an English word after a hyphen is no given name.
		{"The Brellan-based firm and the Harcourt-led board met.", "Brellan-based"},
		{"The Brellan-based firm and the Harcourt-led board met.", "Harcourt-led"},
		{"Justice Asha Kurup heard the petition. \"The law is clear,\" Justice Kurup observed.", "Justice Kurup"},
		{"Minister of State for Manpower Lee Bao Hua opened the centre.", "Manpower Lee Bao Hua"},
		{"The bill's sponsor, state Sen. Ann Voss, D-Brill Springs, spoke first.", "D-Brill Springs"},
	}
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, "2026-05-12")
		for _, e := range doc.Entities {
			if e.Name == tt.word {
				t.Errorf("%q: %q is an entity (%s)", tt.text, tt.word, e.Kind)
			}
		}
	}
}

func TestUnseenStylesRoles(t *testing.T) {
	type role struct {
		person, title, org string
		former             bool
	}
	tests := []struct {
		text string
		want role
	}{
		{"The chairman, Sir Giles Harcourt, opened the meeting.", role{"Giles Harcourt", "Chairman", "", false}},
		{"Town council member Rosa Delgado voted no.", role{"Rosa Delgado", "Town Council Member", "", false}},
		{"Ferrow Hospitals Trust said so. Dr Anya Sen, the trust's medical director, agreed.", role{"Anya Sen", "Medical Director", "Ferrow Hospitals Trust", false}},
		{"A spokeswoman for Mr Okoye, Lara Finch, declined to comment.", role{"Lara Finch", "Spokeswoman", "", false}},
		{"A former finance minister of Ghana, Kwesi Addo, joined the race.", role{"Kwesi Addo", "Finance Minister", "Ghana", true}},
		{"The treasurer of the Tamsin Rowing Club, Ian Moor, resigned.", role{"Ian Moor", "Treasurer", "Tamsin Rowing Club", true}},
		{"Ruth Keel, a former state senator who lives in Dalby, spoke.", role{"Ruth Keel", "State Senator", "", true}},
		{"Velcor Mining said profits rose. It named Omar Hale, a former banker, as chief financial officer, effective June 1.", role{"Omar Hale", "Chief Financial Officer", "Velcor Mining", false}},
		{"Nell Harrow joined the Kesby Arts Fund in 1990. She became executive director of the Kesby Arts Fund in 1995 and retired in 2010.", role{"Nell Harrow", "Executive Director", "Kesby Arts Fund", true}},
		{"The then transport secretary, Lord Abney, approved the line.", role{"Abney", "Transport Secretary", "", true}},
		{"Pettigrew Foods reported a loss. Chief executive Dana Lowe said demand was weak.", role{"Dana Lowe", "Chief Executive", "Pettigrew Foods", false}},
		{"Opposition leader Dr. R. Selvam of the Nava Makkal Katchi walked out.", role{"R. Selvam", "Opposition Leader", "Nava Makkal Katchi", false}},
		{"Smt. Rekha Devi, the newly elected corporator from ward 7, thanked voters.", role{"Rekha Devi", "Corporator", "", false}},
		{"Hon. Kofi Baah, the Municipal Chief Executive, spoke.", role{"Kofi Baah", "Municipal Chief Executive", "", false}},
		{"Dr. Lena Voss, a professor of agronomy at Kessler State University, led the study.", role{"Lena Voss", "Professor of Agronomy", "Kessler State University", false}},
		{"Sir Ian Pike, who chairs the audit committee, agreed.", role{"Ian Pike", "Chair of the Audit Committee", "", false}},
		{"Dalby Mills said sales rose. Ravi Nair, the alliance's chief scientist, was pleased.", role{"Ravi Nair", "Chief Scientist", "", false}},
		// Second round of issue 11: shapes of the new dev articles.
		{"Inspector Jo Marr, who heads the Kestin Fraud Squad, spoke.", role{"Jo Marr", "Head", "Kestin Fraud Squad", false}},
		{"Ana Ruiz, who farms near Oldcote and chairs the Tilby Growers' Cooperative, agreed.", role{"Ana Ruiz", "Chair", "Tilby Growers' Cooperative", false}},
		{"Dr Ian Bell (vice-chancellor of the University of Ormsby) wrote to staff.", role{"Ian Bell", "Vice-Chancellor", "University of Ormsby", false}},
		{"Nia Oduya (an analyst at Kerrow Capital) was cautious.", role{"Nia Oduya", "Analyst", "Kerrow Capital", false}},
		{"When Sipho Mthembu took over as interim chief executive of Veld Foods in May, sales were falling.", role{"Sipho Mthembu", "Interim Chief Executive", "Veld Foods", false}},
		// Seventh round: a dead holder's role has ended; a minister of
		// state with a portfolio; a convener.
		{"The Marsh Owls played for two hours. The band's late bassist, Joe Rudd, was remembered.", role{"Joe Rudd", "Bassist", "Marsh Owls", true}},
		{"Minister of State for Manpower Lee Bao Hua opened the centre.", role{"Lee Bao Hua", "Minister of State for Manpower", "", false}},
		{"The committee's convener, Ailsa Munro, said the figures were poor.", role{"Ailsa Munro", "Convener", "", false}},
		{"Members of the Rural Affairs Committee met. The committee's convener, Ailsa Munro, said the figures were poor.", role{"Ailsa Munro", "Convener", "Rural Affairs Committee", false}},
		{"The Tarwin Municipal Corporation issued the notice. The corporation's commissioner, Ravi Menon, defended it.", role{"Ravi Menon", "Commissioner", "Tarwin Municipal Corporation", false}},
		// Seventh round: a portfolio after an institution's "of" ends its
		// name.
		{"Ministry of Education Permanent Secretary Dr Ruth Phiri said schools would open.", role{"Ruth Phiri", "Permanent Secretary", "Ministry of Education", false}},
		// Seventh round: an acronym in parentheses between an
		// organisation and a title.
		{"Workers' Reform Party (WRP) district secretary Mr Amos Banda walked out.", role{"Amos Banda", "District Secretary", "Workers' Reform Party", false}},
		// Seventh round: a description of the organisation before its
		// name.
		{"Ms Carol Tan, chief executive of property developer Marlow Crest Holdings, said sales fell.", role{"Carol Tan", "Chief Executive", "Marlow Crest Holdings", false}},
		// Seventh round: a title used as an honorific after an
		// appointing verb.
		{"Kelby College has appointed Professor Ann Fry as principal, effective 1 May.", role{"Ann Fry", "Principal", "Kelby College", false}},
		// Seventh round: a band's members, like a team's, belong to the
		// band the review was about.
		{"The Marsh Owls played for two hours on Friday. Guitarist Ewan Tully broke a string twice.", role{"Ewan Tully", "Guitarist", "Marsh Owls", false}},
		{"Shadow housing minister Ewan Pike said the plan had failed.", role{"Ewan Pike", "Shadow Housing Minister", "", false}},
		{"The deputy vice-chancellor, Professor Ama Sarpong, agreed.", role{"Ama Sarpong", "Deputy Vice-Chancellor", "", false}},
		{"The Lorne Health Group, which runs St Bride's, said it was busy. Its chief executive, Dr Ruth Kane, apologised.", role{"Ruth Kane", "Chief Executive", "Lorne Health Group", false}},
		{"Tessa Lund, a retail-sector analyst at Pyle Securities, said sales fell.", role{"Tessa Lund", "Retail-Sector Analyst", "Pyle Securities", false}},
		{"The Minister for Health, Colm Deasy, told the house on Tuesday.", role{"Colm Deasy", "Minister for Health", "", false}},
		{"Principal Secretary for Water Jane Wambui said the dams were full.", role{"Jane Wambui", "Principal Secretary for Water", "", false}},
		{"Mrs Efua Mensah, Director of the Ankobra Water Fund, said the money had arrived.", role{"Efua Mensah", "Director", "Ankobra Water Fund", false}},
		{"Tom Kerr, a deputy director at the Institute for Upland Research (IUR), said so.", role{"Tom Kerr", "Deputy Director", "Institute for Upland Research", false}},
		{"Tom Kerr, the acting head of Harle Holdings plc, said profits fell.", role{"Tom Kerr", "Acting Head", "Harle Holdings plc", false}},
		{"Harle Holdings plc named Tom Kerr its new finance chief on Monday.", role{"Tom Kerr", "Finance Chief", "Harle Holdings plc", false}},
		{"Tessaro Labs unveiled the Nimbus 3000. The Nimbus will ship soon. \"The Nimbus changes everything,\" chief executive Lena Ortiz said.", role{"Lena Ortiz", "Chief Executive", "Tessaro Labs", false}},
		{"The Lengaro County government said so. Hon. Paul Kamau, the county's finance executive, agreed.", role{"Paul Kamau", "Finance Executive", "Lengaro County", false}},
		{"Peter Coyle, then the floods minister, ordered the review.", role{"Peter Coyle", "Floods Minister", "", true}},
		{"DRENTON, Ont. — Mayor Lise Roy said the buses would run.", role{"Lise Roy", "Mayor", "Drenton", false}},
		{"Independent TD Mary Gill said the ward was full.", role{"Mary Gill", "TD", "", false}},
		{"Superintendent Dr. Lena Marsh will retire in June.", role{"Lena Marsh", "Superintendent", "", true}},
		{"Chairman Sir Roger Vane said the year had been tough.", role{"Roger Vane", "Chairman", "", false}},
		{"U.S. District Judge Hannah Rourke sentenced him.", role{"Hannah Rourke", "U.S. District Judge", "", false}},
		{"The Member of Parliament for Ofankor, Hon. Yaw Dede, promised more funds.", role{"Yaw Dede", "Member of Parliament", "Ofankor", false}},
		{"Council leader John Pryce said the docks would reopen.", role{"John Pryce", "Leader", "", false}},
		{"Asha Penn, the Labour MP for Dornley, said no.", role{"Asha Penn", "MP", "Dornley", false}},
		{"Her lawyer, Paul Ferrin of Ferrin & Lodge, objected.", role{"Paul Ferrin", "Lawyer", "Ferrin & Lodge", false}},
		{"The board voted on Wednesday to fire Superintendent Dr. Lena Marsh.", role{"Lena Marsh", "Superintendent", "", true}},
		{"The Dorley Schools board named its chief financial officer, Ray Quint, as interim superintendent.", role{"Ray Quint", "Interim Superintendent", "Dorley Schools", false}},
		{"Kemble & Dyke said on Thursday that profit fell and that its chairman, Sir Alan Frere, was pleased.", role{"Alan Frere", "Chairman", "Kemble & Dyke", false}},
		{"The County Executive Committee Member for Roads, Eng. Ruth Wafula, defended the budget.", role{"Ruth Wafula", "Executive Committee Member for Roads", "", false}},
		{"\"We cannot pay,\" said Hon. Kiptoo, the MCA for Kabarnet ward.", role{"Kiptoo", "MCA", "Kabarnet", false}},
		{"Jane Orr, a non-executive director and former chief executive of Tasker Homes, joins.", role{"Jane Orr", "Chief Executive", "Tasker Homes", true}},
		{"She succeeds Gov. Walt Amos, who did not run.", role{"Walt Amos", "Governor", "", false}},
		{"Kevin Odum, a sorghum grower near Hays who tested it, was pleased.", role{"Kevin Odum", "Sorghum Grower", "", false}},
		{"\"It held up,\" said Dr. Nia Aker, the consortium's chief plant breeder.", role{"Nia Aker", "Chief Plant Breeder", "", false}},
		{"The Member of Parliament for the area, Hon. Ama Pobee, spoke.", role{"Ama Pobee", "Member of Parliament", "", false}},
		{"Lowe & Hart reported a loss. Finance director Sam Ebo said costs rose.", role{"Sam Ebo", "Finance Director", "Lowe & Hart", false}},
		// Eighth round: Caribbean police ranks and courts.
		{"Detective Corporal Dane Whitt of the Kelso Police Division told the court.", role{"Dane Whitt", "Detective Corporal", "Kelso Police Division", false}},
		{"Resident Magistrate Ann Cole refused bail.", role{"Ann Cole", "Resident Magistrate", "", false}},
		// Eighth round: founding "the company" is founding the story's firm.
		{"Harbour Pacific Ltd said profit fell. Tom Lau took over as chairman from his father, Lau Sang, who founded the company in 1972.", role{"Lau Sang", "Founder", "Harbour Pacific Ltd", false}},
		{"Kestle Energy Ltd. said so. Gauthier took over in April when founder Lyle Brandvold, who started the company in 1998, stepped down.", role{"Lyle Brandvold", "Founder", "Kestle Energy Ltd.", false}},
		{"Tarrow Labs said it was hacked. Tarrow Labs, founded in 2015 by Ines Moro and Sam Reyes, now its chief technology officer, hired a firm.", role{"Ines Moro", "Founder", "Tarrow Labs", false}},
		// Eighth round: a title with its body, then a rank as honorific.
		{"Detective Corporal Dane Whitt of the Kelso Police Division spoke. The head of the division, Superintendent Roy Bell, said crime rose.", role{"Roy Bell", "Head", "Kelso Police Division", false}},
		{"The Kelso Hospital said so. The chief executive of the hospital, Professor Ann Lee, said no.", role{"Ann Lee", "Chief Executive", "Kelso Hospital", false}},
		// Eighth round: an office for a named country keeps its body.
		{"Talks will resume, the UN special envoy for Tarsenia, Ingrid Solvang, said.", role{"Ingrid Solvang", "Special Envoy for Tarsenia", "United Nations", false}},
		// Eighth round: Canadian opposition critics; a chair after
		// "which is chaired by" and a title.
		{"The Opposition critic for health, Mireille Gaudet, said the deal was bad.", role{"Mireille Gaudet", "Opposition Critic for health", "", false}},
		{"The public accounts committee, which is chaired by Prairie Alliance MLA Brent Sawyer, meets on May 14.", role{"Brent Sawyer", "Chair", "", false}},
		// Eighth round: "a company whose chief executive" with no name
		// in apposition is the story's firm, not the last name before.
		{"The contract with Prairie Lifeline Services Inc. was signed in March. Ann Gaudet of the Tory Party said the deal went to a company whose chief executive, Trent Olafson, donated to it.", role{"Trent Olafson", "Chief Executive", "Prairie Lifeline Services Inc.", false}},
		{"Priya Rao, who leads threat research at Hollis Labs, said her team had warned them.", role{"Priya Rao", "Head of threat research", "Hollis Labs", false}},
		{"The House Commerce Committee voted 12-9. Rep. Tamsin Grove, D-Cordell, the committee's ranking Democrat, voted for the bill.", role{"Tamsin Grove", "Ranking Democrat", "House Commerce Committee", false}},
		// Eighth round: a leaver named only by the one who takes over.
		{"Tallow Rail's acting chief executive, Rae Whitby, who stepped in after Gavin Pryor resigned in November, said the operator had offered more.", role{"Gavin Pryor", "Chief Executive", "Tallow Rail", true}},
		// Eighth round: a plural title over coordinated names.
		{"A bench of the Tarl High Court comprising Justices Anita Rao and P.K. Menon heard the case.", role{"P.K. Menon", "Justice", "Tarl High Court", false}},
		{"A bench of the Tarl High Court comprising Justices Anita Rao and P.K. Menon heard the case.", role{"Anita Rao", "Justice", "Tarl High Court", false}},
		{"Analysts at Harcourt Dunne were cautious. Emma Lowe, an analyst at the broker, said so.", role{"Emma Lowe", "Analyst", "Harcourt Dunne", false}},
		{"Mayor-elect Priya Nair thanked voters.", role{"Priya Nair", "Mayor-Elect", "", false}},
		{"Keane, who founded the Keane Gallery in 1971, died on Sunday.", role{"Keane", "Founder", "Keane Gallery", false}},
		{"Chasing 210, the Harlow Kestrels lost early wickets before captain Imran Sadiq added 90.", role{"Imran Sadiq", "Captain", "Harlow Kestrels", false}},
		{"The University of Ormsby will cut 80 jobs. The deputy vice-chancellor, Professor Ama Sarpong, agreed.", role{"Ama Sarpong", "Deputy Vice-Chancellor", "University of Ormsby", false}},
		// Fourth round of issue 11.
		{"Tamber Labs said sales rose. Its chief marketing officer, Ines Cole, was pleased.", role{"Ines Cole", "Chief Marketing Officer", "Tamber Labs", false}},
		{"Chief Nursing Officer Ruth Amis said wards were full.", role{"Ruth Amis", "Chief Nursing Officer", "", false}},
		{"District Collector Shri K. Anand, IAS, declared the result.", role{"K. Anand", "District Collector", "", false}},
		{"Her son, Owain Price-Hughes, a GP in Tregaron, said she was kind.", role{"Owain Price-Hughes", "GP", "Tregaron", false}},
		{"Party leader and former minister Smt. Uma Rao of the Desh Sewa Party conceded.", role{"Uma Rao", "Leader", "Desh Sewa Party", false}},
		{"NSP leader and former mayor Shri Vinod Kale conceded defeat.", role{"Vinod Kale", "Leader", "NSP", false}},
		{"\"He lied,\" Assistant U.S. Attorney Maria Delong told the jury.", role{"Maria Delong", "Assistant U.S. Attorney", "", false}},
		{"Pell Robotics was founded in 2011 by Ana Roth and Tim Gale. It makes arms.", role{"Ana Roth", "Founder", "Pell Robotics", false}},
		{"Pell Robotics was founded in 2011 by Ana Roth and Tim Gale. It makes arms.", role{"Tim Gale", "Founder", "Pell Robotics", false}},
		{"Dan Ruiz, who owns Ruiz Feed & Seed in Alma, said prices rose.", role{"Dan Ruiz", "Owner", "Ruiz Feed & Seed", false}},
		{"Ruth Chebet, a 22-year-old police officer, won the women's race.", role{"Ruth Chebet", "Police Officer", "", false}},
		{"A former Dray County treasurer was charged. Ann Vole served as county treasurer from 2010 until she retired in May 2023.", role{"Ann Vole", "County Treasurer", "Dray County", true}},
		{"Mae Lund began the work in 2015, when she was still a lecturer at Harlow State University.", role{"Mae Lund", "Lecturer", "Harlow State University", true}},
		{"The roads committee, chaired by Hon. Alice Mwende, met on Friday.", role{"Alice Mwende", "Chair", "", false}},
		{"Her coach at the Iten Harriers club, Paul Kibet, was pleased.", role{"Paul Kibet", "Coach", "Iten Harriers", false}},
		{"The deal went to Pell Haulage, a firm whose owner, Ray Tasker, sat on the council.", role{"Ray Tasker", "Owner", "Pell Haulage", false}},
		{"Taking over as head coach is the club's academy director, Joe Marsh.", role{"Joe Marsh", "Head Coach", "", false}},
		// A school district's officers take the district, not a school.
		{"The Dunmore School District board met on Monday. Staff at Dunmore High School waited. Board President Ann Ray said the vote was fair.", role{"Ann Ray", "Board President", "Dunmore School District", false}},
		{"The Lisle Public Schools board voted on Monday. Board member Ed Pryor voted no.", role{"Ed Pryor", "Board Member", "Lisle Public Schools", false}},
		// A role whose holder is named at the start of the next sentence.
		{"The trust's finance director resigned in May. Colin Aske, who had held the post since 2015, said he was tired.", role{"Colin Aske", "Finance Director", "", true}},
		{"The inquiry was led by the council's chief planner. Mira Dent, who joined in 2021, found no fault.", role{"Mira Dent", "Chief Planner", "", false}},
		// Fifth round: South Asian police ranks with their abbreviation
		// and jurisdiction before the name.
		{"Senior Superintendent of Police (SSP) East Junaid Malik said the raid was lawful.", role{"Junaid Malik", "Senior Superintendent of Police", "", false}},
		{"The injured man, Assistant Sub-Inspector (ASI) Rahim Bux, was taken to hospital.", role{"Rahim Bux", "Assistant Sub-Inspector", "", false}},
		{"Station House Officer (SHO) Inspector Sana Javed said a case had been registered.", role{"Sana Javed", "Station House Officer", "", false}},
		{"Superintendent of Police (Saddar division) Bilal Chohan said the men were held.", role{"Bilal Chohan", "Superintendent of Police", "", false}},
		{"The raid was ordered on Monday. SSP West Kamran Abro said it was lawful.", role{"Kamran Abro", "SSP", "", false}},
		// Fifth round: a team position's team is the sentence's subject,
		// or the team the sentence before was about; hyphenated
		// positions count.
		{"Tregwyn RFC won at home on Saturday. Scrum-half Dylan Pask kicked 12 points.", role{"Dylan Pask", "Scrum-Half", "Tregwyn RFC", false}},
		// Fifth round: Canadian business news. A ticker after "Inc."
		// neither ends the sentence nor names an organisation; board
		// chairs, founders and "president and chief executive" are the
		// company's.
		{"OSPREY LAKE, Ont. — Brantwell Foods Inc. (TSX: BWF) said Tuesday that chief financial officer Lena Roy would lead the review.", role{"Lena Roy", "Chief Financial Officer", "Brantwell Foods Inc.", false}},
		{"Corlen Mining Ltd. posted a loss. \"We are on track,\" board chair Tom Baird said in a statement.", role{"Tom Baird", "Board Chair", "Corlen Mining Ltd.", false}},
		{"A spokeswoman for Mayor Dale Okon, Pia Lund, said the budget was fair.", role{"Pia Lund", "Spokeswoman", "", false}},
		// "The union's Queensland branch secretary": the union's, not
		// the state's; an employees' association is a union.
		{"The Tram and Bus Employees Association balloted members. The union's Tasmania branch secretary, Jo Hart, said the vote was clear.", role{"Jo Hart", "Branch Secretary", "Tram and Bus Employees Association", false}},
		{"Corlen Mining Ltd. posted a loss. Chief operating officer Ada Moss will become president and chief executive in May.", role{"Ada Moss", "President and Chief Executive", "Corlen Mining Ltd.", false}},
		{"Rhosfach Athletic, who beat Penlan Rovers last week, scored through winger Ieuan Bowen.", role{"Ieuan Bowen", "Winger", "Rhosfach Athletic", false}},
		// Sixth round: a title-case title of an organisation in
		// apposition, whatever the organisation's shape (a press
		// release's "NAME, Chair of ORG, said:"); a portfolio after
		// "Head of" names nothing.
		{"Kelbrook said profits rose. Ann Marr, Chair of Kelbrook, said: \"We are pleased.\"", role{"Ann Marr", "Chair", "Kelbrook", false}},
		{"Tom Reed, Head of Communications at Kelbrook, said so.", role{"Tom Reed", "Head of Communications", "Kelbrook", false}},
		// Sixth round: the appointing organisation is the verb's subject
		// or, for "the appointment of", the organisation opening the
		// sentence.
		{"Brantley Foods plc today announced the appointment of Mira Kent as Chief Financial Officer, with effect from 1 June.", role{"Mira Kent", "Chief Financial Officer", "Brantley Foods plc", false}},
		{"The Kessel Water Board has named Ada Frey, a former planning minister, as its general manager.", role{"Ada Frey", "General Manager", "Kessel Water Board", false}},
		// Sixth round: a verb's role after a tenure coordinated in one
		// relative clause; "chairs the board" is the story's company's;
		// a party and district tag before a relative clause.
		{"Pellmark Robotics cut jobs. Its founder, Ida Berg, who stepped down as chief executive in 2024 and now chairs the board, said little.", role{"Ida Berg", "Chair", "Pellmark Robotics", false}},
		{"State Sen. Rob Hale, R-Kettle Bay, who chairs the Senate Finance Committee, said no.", role{"Rob Hale", "Chair", "Senate Finance Committee", false}},
		// Sixth round: in a round-up of items under datelines of their
		// own, a company officer is of the company of the item.
		{"KELTON, Velbaro (Coastline) — Marsh Ferries S.A. was fined on Wednesday. Its lawyer said it would appeal.\n\nTARN FALLS, Man. (Coastline) — Norvik Minerals Corp. will reopen its mine in March. President and chief executive Guy Lamont said 220 jobs would return.", role{"Guy Lamont", "President and Chief Executive", "Norvik Minerals Corp.", false}},
		// Sixth round: "from 2018 until he lost his seat in …" ends the
		// role by any past verb.
		{"Charged was Ben Ortiz, who served as chairman of the Kelso Water Board from 2018 until he lost his seat in the October 2023 polls.", role{"Ben Ortiz", "Chairman", "Kelso Water Board", true}},
		// Sixth round: a mayor in a story about a district's council
		// leads that council.
		{"TE HAU — Waimoko District Council will borrow $2 million. Mayor Hine Rawiri said the cost was fair.", role{"Hine Rawiri", "Mayor", "Waimoko District Council", false}},
		// Sixth round: "the system's TITLE" is a health system's.
		{"Nurses at Alder Medical Center voted to strike. The hospital's parent, Pinecrest Health System, said it would bargain. The system's former chief nursing officer, Jan Pruitt, who resigned in May, agreed.", role{"Jan Pruitt", "Chief Nursing Officer", "Pinecrest Health System", true}},
		// Sixth round: titles of ports, aid agencies and medicine.
		{"The Kellan Harbour Commissioners' chief harbour master, Capt. Rona Weir, said the channel was open.", role{"Rona Weir", "Chief Harbour Master", "Kellan Harbour Commissioners", false}},
		{"The regional humanitarian coordinator, Ida Roos, called for calm.", role{"Ida Roos", "Regional Humanitarian Coordinator", "", false}},
		{"Dr Ana Celik, a consultant neurologist at Kelby General Hospital, led the trial.", role{"Ana Celik", "Consultant Neurologist", "Kelby General Hospital", false}},
	}
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, "2026-05-12")
		e := hoEntity(doc, tt.want.person)
		if e == nil || e.Kind != Person {
			t.Errorf("%q: no person %q in %v", tt.text, tt.want.person, hoNames(doc))
			continue
		}
		ok := false
		for _, r := range e.Roles {
			if r.Title == tt.want.title && r.Org == tt.want.org && (r.Until != "") == tt.want.former {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: %q roles %+v, want %+v", tt.text, tt.want.person, e.Roles, tt.want)
		}
	}
}

// TestUnseenStylesNoNextSentenceRole checks that a title in one sentence
// is not given to a name opening the next when the title speaks or acts,
// or when its sentence names its holder.
func TestUnseenStylesNoNextSentenceRole(t *testing.T) {
	for _, text := range []string{
		"The firm's chief executive said sales fell. Ann Pike, who owns a shop nearby, disagreed.",
		"The trust's finance director, Rob Hale, resigned in May. Colin Aske, who farms nearby, said he was sorry.",
	} {
		doc := hoExtract(t, text, "2026-05-12")
		for _, name := range []string{"Ann Pike", "Colin Aske"} {
			if e := hoEntity(doc, name); e != nil && len(e.Roles) > 0 {
				t.Errorf("%q: %s has roles %+v", text, name, e.Roles)
			}
		}
	}
}

func TestUnseenStylesQuotes(t *testing.T) {
	tests := []struct {
		text          string
		quote, person string
	}{
		// British single quotation marks, curly and straight, and a
		// continuation with no attribution of its own.
		{"Ms Jo Tamm said the plan was 'a mess'. 'We will fix it,' she said.\n\n'Nobody will lose a bed.'", "Nobody will lose a bed.", "Jo Tamm"},
		{"The judge, Amira Kell, said he had shown ‘no remorse at all’.", "no remorse at all", "Amira Kell"},
		{"‘The nurses’ letter changed everything,’ said Ben Ross.", "The nurses’ letter changed everything", "Ben Ross"},
		// A second verb shares the first one's subject, not its object.
		{"The mayor, Hon. Kwame Tetteh, thanked the Kessa Trust and urged traders to pay their rates \"so that the roads get done\".", "so that the roads get done", "Kwame Tetteh"},
		// An apposition naming the speaker.
		{"The Dunmore head coach, Piet Laar, said they had been 'careless'.", "careless", "Piet Laar"},
		// A noun after "said" is no verb of its own ("demand").
		{"Chief executive Ann Kell said demand had been \"stubbornly weak\" since the autumn.", "stubbornly weak", "Ann Kell"},
		// A kinship noun shows the gender: "her nephew, X" is a he.
		{"She retired in 1993, handing the firm to her nephew, Colin Vane, who runs it today.\n\n‘She never drew a line she had not sailed,’ he said.", "She never drew a line", "Colin Vane"},
		{"A spokesman for Ms Okafor, Tim Reyes, said she would \"fight on\".", "fight on", "Tim Reyes"},
		// Fifth round: a pronoun's antecedent is the name after "ORG
		// of X title", not the speaker before it.
		{"Ian Cole said the council would not \"back down\". Brenford Chamber of Commerce president Mary Teal said shops were hurt. \"A day without buses costs the high street dearly,\" she said.", "A day without buses", "Mary Teal"},
	}
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, "2026-05-12")
		found := false
		for _, q := range doc.Quotes {
			if tt.text[q.Start:q.End] != q.Text {
				t.Errorf("%q: quote %q is not verbatim", tt.text, q.Text)
			}
			if strings.Contains(q.Text, tt.quote) {
				found = true
				if q.Speaker != tt.person {
					t.Errorf("%q: quote %q by %q, want %q", tt.text, q.Text, q.Speaker, tt.person)
				}
			}
		}
		if !found {
			t.Errorf("%q: no quote %q in %+v", tt.text, tt.quote, doc.Quotes)
		}
	}
}

func TestUnseenStylesTimes(t *testing.T) {
	tests := []struct {
		text, pub string
		expr, val string // val "" when expr must give no time
	}{
		{"The board said later Tuesday that the deal was off.", "2026-05-13", "Tuesday", "2026-05-12"},
		// Fifth round: a past verb in a subordinate clause after the
		// time does not turn a present-tense plan back.
		{"Passengers face a day without ferries on Friday after crews voted to strike.", "2026-09-09", "Friday", "2026-09-11"},
		{"The mayor said the fares would rise, effective Jan. 1.", "2026-11-20", "Jan. 1", "2027-01-01"},
		{"The council voted on Monday to cut fares from July 1.", "2026-03-11", "July 1", "2026-07-01"},
		{"The scheme had been due to open in June but was delayed.", "2026-03-11", "June", "2025-06"},
		{"The trust said it would publish revised plans in the autumn.", "2026-02-05", "autumn", "2026-FA"},
		{"She joined the firm in 1972. Four years later she ran it.", "2026-03-11", "Four years later", "1976"},
		{"Shops close on Boxing Day.", "2026-11-20", "Boxing Day", "2026-12-26"},
		{"The court sat on 3 March. The firm was fined the same day.", "2026-03-11", "the same day", "2026-03-03"},
		{"Sales of the Zephyr 2000 rose. We designed the 2000 for farms.", "2026-03-11", "2000", ""},
		{"He flew the Mirage 2000 for a decade.", "2026-03-11", "2000", ""},
		{"The bank still runs Windows 2000 on its tills.", "2026-03-11", "2000", ""},
		{"Apple showed the phone at WWDC 2010.", "2026-03-11", "2010", "2010"},
		{"The court heard section 1983 claims.", "2026-03-11", "1983", ""},
		{"The board met on Thursday last week.", "2026-04-23", "Thursday last week", "2026-04-16"},
		{"The board meets on Monday next week.", "2026-04-23", "Monday next week", "2026-04-27"},
	}
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, tt.pub)
		var got *Time
		for i := range doc.Times {
			if doc.Times[i].Text == tt.expr {
				got = &doc.Times[i]
			}
		}
		switch {
		case tt.val == "" && got != nil:
			t.Errorf("%q: %q is a time (%s)", tt.text, tt.expr, got.Value)
		case tt.val != "" && got == nil:
			t.Errorf("%q: no time %q in %+v", tt.text, tt.expr, doc.Times)
		case tt.val != "" && got.Value != tt.val:
			t.Errorf("%q: %q = %s, want %s", tt.text, tt.expr, got.Value, tt.val)
		}
	}
}

func TestUnseenStylesEvents(t *testing.T) {
	tests := []struct {
		text, pub string
		dates     []string // dates the events of the text must include
		notDate   string   // a date no event may have
	}{
		{"The council voted on Tuesday to raise fees from July 1.", "2026-03-11", []string{"2026-03-10", "2026-07-01"}, ""},
		{"Velda Air reported a loss for 2025 on Monday.", "2026-02-18", []string{"2026-02-16"}, ""},
		{"The jets will go by the end of June, the airline said on Wednesday.", "2026-02-19", []string{"2026-06", "2026-02-18"}, ""},
		{"The mill said it would open the plant in stages, not next year, but now.", "2026-03-11", nil, "2027"},
		{"They play Leeds next Saturday before hosting Hull on Boxing Day.", "2026-11-30", []string{"2026-12-05", "2026-12-26"}, ""},
		{"The new pump used 30% less power this summer, the cooperative said Tuesday.", "2026-09-10", []string{"2026-SU", "2026-09-08"}, ""},
		// The dateline dates the report, the body's own date the news.
		{"BRANDON FALLS, Nov. 5 (Prairie Wire) — Anna Holtz won the seat on Tuesday.", "2025-11-05", []string{"2025-11-04"}, "2025-11-05"},
		// A reporting verb with a named object, then "that" and a
		// clause of its own in the future.
		{"The minister told the Dáil on Tuesday that the ward would open early next year.", "2026-04-23", []string{"2026-04-21", "2027"}, "2026-04-28"},
		{"She died on Sunday, aged 84.", "2026-04-23", []string{"2026-04-19"}, "2026-04-26"},
		{"Results will be declared on Sunday.", "2026-04-23", []string{"2026-04-26"}, "2026-04-19"},
		{"The runner set a course record in 2019 and won again on Sunday.", "2026-04-23", []string{"2019", "2026-04-19"}, ""},
		{"Voters went to the polls at the weekend.", "2026-04-23", []string{"2026-W16-WE"}, ""},
		{"Sir Ian Carr, who joined the board in 2014 and became chairman two years later, will retire.", "2026-04-23", []string{"2014", "2016"}, ""},
		{"Work on the flats had been due to begin in the autumn but was delayed.", "2026-03-19", []string{"2025-FA"}, ""},
		{"She was appointed MBE in 1992 and retired the following year.", "2026-03-19", []string{"1992", "1993"}, ""},
		{"Shares in Tarrow Fuels Pty Ltd. They will appear in court on Thursday.", "2026-08-18", []string{"2026-08-20"}, ""},
		// Sixth round: a month before a common noun after "in" ("in the
		// May floods") dates its clause.
		{"The council will rebuild the bridge, which was washed out in the May floods, after voting on Tuesday.", "2026-08-12", []string{"2026-05", "2026-08-11"}, ""},
		// Sixth round: the present in a time clause looks ahead.
		{"She said the council should have waited until the Kelso Recovery Fund opens for bids in November.", "2026-08-12", []string{"2026-11"}, "2025-11"},
		// Seventh round: a modal inside a relative clause does not make
		// the main verb after it a participle.
		{"A plan that would close two schools passed the board on Monday.", "2026-05-13", []string{"2026-05-11"}, "2026-05-18"},
		// Seventh round: a hyphened time before a noun only qualifies it.
		{"Kessel Foods reported a fall in second-quarter sales on Tuesday.", "2026-08-13", []string{"2026-08-11"}, "2026-Q2"},
		// Seventh round: an attribution whose subject is a long title
		// and a name has a date of its own.
		{"Fares will rise from March next year, Deputy Minister for Transport and Planning Lim Boon Keat said on Tuesday.", "2026-08-13", []string{"2027-03", "2026-08-11"}, ""},
		// Seventh round: a relative clause opened by "whose" tells its
		// own happening; "said" before "the" opens what was said.
		{"The council confirmed on Monday that the pool, whose roof collapsed in 2021, would reopen in June.", "2026-02-11", []string{"2021", "2026-06"}, ""},
		// Seventh round: "ahead of" a month after a past verb means the
		// nearest such month, not the last.
		{"He accused the mayor of spending the money ahead of the August by-elections.", "2026-04-09", []string{"2026-08"}, "2025-08"},
		{"He accused the mayor of spending the money ahead of the August by-elections.", "2026-10-09", []string{"2026-08"}, "2027-08"},
		// Seventh round: of two nested times in one clause, the narrower
		// dates the happening.
		{"Earlier in the weekend, the quartet played a short set on Saturday afternoon.", "2026-07-06", []string{"2026-07-04"}, "2026-W27-WE"},
		// Seventh round: a fixture told in the present lies ahead, and
		// each of two fixtures has its own date.
		{"Kelby Rovers play Ashmoor at home on Saturday, while Dunley travel to Brackton on May 30.", "2026-05-18", []string{"2026-05-23", "2026-05-30"}, "2026-05-16"},
		{"Speaking after she visited the mine on Monday, the minister said the shaft would reopen in June.", "2026-02-11", []string{"2026-02-09", "2026-06"}, ""},
	}
	for _, tt := range tests {
		doc := hoExtract(t, tt.text, tt.pub)
		have := map[string]bool{}
		for _, e := range doc.Events {
			have[e.Date] = true
		}
		for _, d := range tt.dates {
			if !have[d] {
				t.Errorf("%q: no event on %s in %+v", tt.text, d, doc.Events)
			}
		}
		if tt.notDate != "" && have[tt.notDate] {
			t.Errorf("%q: an event on %s", tt.text, tt.notDate)
		}
	}
}

// TestUnseenStylesTextEndsAfterOrg checks that a text ending in a title
// after an organisation and a name (a press release's contacts block)
// does not read past its last token.
func TestUnseenStylesTextEndsAfterOrg(t *testing.T) {
	for _, text := range []string{
		"For further information:\nHarrow Logistics plc — Tom Brierley, Head of Communications",
		"Contact: Kelso Partners — Ann Roe, Head of",
	} {
		hoExtract(t, text, "2026-05-12")
	}
}

// TestUnseenStylesRiverAlias checks that a river's bare name is no
// organisation of its own.
func TestUnseenStylesRiverAlias(t *testing.T) {
	doc := hoExtract(t, "Villages along the Kaloa River flooded. The bridge over the Kaloa stays closed.", "2026-05-12")
	for _, e := range doc.Entities {
		if e.Name == "Kaloa" {
			t.Errorf("Kaloa is an entity of its own (%s)", e.Kind)
		}
	}
}

func TestSinoSyllable(t *testing.T) {
	for _, w := range []string{"chi", "keung", "wing", "yan", "ka", "mei", "sang", "kwok", "wai", "siu", "ming", "hoi"} {
		if !sinoSyllable(w) {
			t.Errorf("%q is not a syllable", w)
		}
	}
	for _, w := range []string{"based", "led", "owned", "era", "born", "style", "like", "made", "smith", "year"} {
		if sinoSyllable(w) {
			t.Errorf("%q is a syllable", w)
		}
	}
}
