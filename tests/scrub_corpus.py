"""A Dutch test corpus for the zelftoets scrubber: what civil servants type into the anonymous
reflection field. Written before the scrubber was tuned, and kept honest: hard cases stay in even
when the scrubber misses them (the thresholds in test_scrubbing.py leave room for that).

Each case names the exact substrings that must disappear (with their category) and, for mixed
texts, substrings that must survive. A case without anything to remove is an ordinary text: it
must come back unchanged, character for character.

Synthetic data only: the BSNs pass the eleven test and the IBANs pass mod-97, but they belong to
no one as far as we know; phone numbers and addresses are made up."""

from typing import NamedTuple


class Case(NamedTuple):
    text: str
    remove: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] = ()


def pd(text: str, *items: tuple[str, str], keep: tuple[str, ...] = ()) -> Case:
    """A text with personal data: items are (category, exact substring that must go)."""
    return Case(text, tuple(items), keep)


def ok(text: str) -> Case:
    """An ordinary text: must stay exactly as written."""
    return Case(text)


NAME = "naam"
MAIL = "e-mail"
PHONE = "telefoonnummer"
BSN = "bsn"
IBAN = "iban"
ADDRESS = "adres"
BIRTH = "geboortedatum"
PLATE = "kenteken"
IP = "ip-adres"
DOC = "documentnummer"
PROFILE = "profiel"

CATEGORIES = (NAME, MAIL, PHONE, BSN, IBAN, ADDRESS, BIRTH, PLATE, IP, DOC, PROFILE)

PERSONAL = [
    # Names: full names, particles, triggers, initials, mentions.
    pd(
        "Mijn manager Sanne de Vries vond het bericht prima.",
        (NAME, "Sanne de Vries"),
    ),
    pd(
        "Ik twijfel of Pieter Bakker het eens is met mijn post op LinkedIn.",
        (NAME, "Pieter Bakker"),
    ),
    pd(
        "Fatima El Amrani van communicatie heeft meegelezen.",
        (NAME, "Fatima El Amrani"),
    ),
    pd(
        "Wouter van den Berg zei dat ik beter kon wachten tot na de Kamerbrief.",
        (NAME, "Wouter van den Berg"),
    ),
    pd(
        "Lotte ter Horst en ik hebben samen het draadje op X geschreven.",
        (NAME, "Lotte ter Horst"),
    ),
    pd(
        "Anouk van 't Hof wil niet genoemd worden in de post.",
        (NAME, "Anouk van 't Hof"),
    ),
    pd(
        "Bram in 't Veld vond de toon te stellig.",
        (NAME, "Bram in 't Veld"),
    ),
    pd(
        "Ik heb het voorgelegd aan Jan-Willem Dekker, mijn teamleider.",
        (NAME, "Jan-Willem Dekker"),
    ),
    pd(
        "Marieke Jansen-de Boer heeft de foto gemaakt.",
        (NAME, "Marieke Jansen-de Boer"),
    ),
    pd(
        "Mijn naam is Thijs Kok en ik werk bij een uitvoeringsorganisatie.",
        (NAME, "Thijs Kok"),
    ),
    pd("mijn naam is sanne en ik twijfel over een post", (NAME, "sanne")),
    pd(
        "Ik ben Ahmed en ik schrijf soms over mijn werk op Mastodon.",
        (NAME, "Ahmed"),
    ),
    pd(
        "Ik heet Ingrid Visser, beleidsmedewerker.",
        (NAME, "Ingrid Visser"),
    ),
    pd("Mijn collega Henk wil dat ik de post verwijder.", (NAME, "Henk")),
    pd(
        "Collega Esther vond het juist goed dat ik het deelde.",
        (NAME, "Esther"),
    ),
    pd(
        "Ik heb het aan manager Ruud Hendriks gevraagd, maar hij reageerde niet.",
        (NAME, "Ruud Hendriks"),
    ),
    pd(
        "Mevrouw De Graaf van juridische zaken keek mee.",
        (NAME, "De Graaf"),
    ),
    pd("Meneer Yilmaz belde me erover.", (NAME, "Yilmaz")),
    pd(
        "Ik mailde mw. Bakker en dhr. Van der Linden.",
        (NAME, "Bakker"),
        (NAME, "Van der Linden"),
    ),
    pd("Volgens de heer Smit is dit geen probleem.", (NAME, "Smit")),
    pd(
        "De reactie van J. de Vries op mijn bericht was fel.",
        (NAME, "J. de Vries"),
    ),
    pd(
        "A.B. Jansen heeft het ondertekend.",
        (NAME, "A.B. Jansen"),
    ),
    pd(
        "Mijn leidinggevende, drs. M. Verhoeven, wil eerst meelezen.",
        (NAME, "M. Verhoeven"),
    ),
    pd(
        "Ik tagde @Sanne de Vries in mijn bericht op LinkedIn.",
        (NAME, "Sanne de Vries"),
    ),
    pd(
        "Bedankt @Priya Ramdin voor het meedenken!",
        (NAME, "Priya Ramdin"),
    ),
    pd(
        "Mustafa en Noor waren het niet met elkaar eens.",
        (NAME, "Mustafa"),
        (NAME, "Noor"),
    ),
    pd(
        "Ik sprak met Daan over de Woo-verzoeken.",
        (NAME, "Daan"),
    ),
    pd(
        "Gisteren zei Emma dat ze mijn draadje had gezien.",
        (NAME, "Emma"),
    ),
    pd(
        "Mijn teamleider Kim Nguyen twijfelt ook.",
        (NAME, "Kim Nguyen"),
    ),
    pd(
        "Directeur Verhoeven stuurde een mail naar de hele afdeling.",
        (NAME, "Verhoeven"),
    ),
    pd(
        "Ik heb Roos gevraagd of ze het goed vond.",
        (NAME, "Roos"),
    ),
    pd(
        "Volgens Mark is het beter om niets te posten.",
        (NAME, "Mark"),
    ),
    pd(
        "Bas de Jong heeft het stuk nagelezen.",
        (NAME, "Bas de Jong"),
    ),
    pd(
        "Rob Koster reageerde met een duimpje.",
        (NAME, "Rob Koster"),
    ),
    pd(
        "Wil van Leeuwen vroeg me het te verwijderen.",
        (NAME, "Wil van Leeuwen"),
    ),
    pd(
        "Ik heb het met Kees besproken voor ik het plaatste.",
        (NAME, "Kees"),
    ),
    pd(
        "Met vriendelijke groet,\nMarloes",
        (NAME, "Marloes"),
    ),
    pd(
        "Groetjes, Yvonne",
        (NAME, "Yvonne"),
    ),
    pd(
        "Hoi Tessa, ik vraag me af of dit kan.",
        (NAME, "Tessa"),
    ),
    pd(
        "Mijn manager, Jeroen, denkt dat de directie het niet leuk vindt.",
        (NAME, "Jeroen"),
    ),
    pd(
        "Femke en Joris van het persteam hebben meegekeken.",
        (NAME, "Femke"),
        (NAME, "Joris"),
    ),
    pd(
        "Ik ben Kevin Martina en ik werk sinds kort bij Defensie.",
        (NAME, "Kevin Martina"),
    ),
    pd(
        "Staatssecretaris Van Huffelen zou het vast niet waarderen.",
        (NAME, "Van Huffelen"),
    ),
    pd(
        "Linda Hoekstra-Mulder zit in dezelfde werkgroep.",
        (NAME, "Linda Hoekstra-Mulder"),
    ),
    pd(
        "Mijn collega Tjitske Hoogeveen vond de post te persoonlijk.",
        (NAME, "Tjitske Hoogeveen"),
    ),
    pd(
        "Afdelingshoofd Ellen Mertens was er niet blij mee.",
        (NAME, "Ellen Mertens"),
    ),
    pd(
        "Ik vroeg het aan Giovanni Rossi, die bij de pers zit.",
        (NAME, "Giovanni Rossi"),
    ),
    pd(
        "Ik heb overlegd met Mohamed Bouzid en Sofie Claes.",
        (NAME, "Mohamed Bouzid"),
        (NAME, "Sofie Claes"),
    ),
    pd(
        "Ik heb overlegd met mijn leidinggevende Hanneke.",
        (NAME, "Hanneke"),
    ),
    pd(
        "Op de foto staat ook Willemijn, dat had ik eerst moeten vragen.",
        (NAME, "Willemijn"),
    ),
    pd(
        "Gert-Jan reageerde binnen een minuut.",
        (NAME, "Gert-Jan"),
    ),
    pd(
        "De post van Lieke Smeets kreeg 300 reacties.",
        (NAME, "Lieke Smeets"),
        keep=("300 reacties",),
    ),
    pd(
        "Dhr. P. van der Meer heeft bezwaar gemaakt.",
        (NAME, "P. van der Meer"),
    ),
    pd(
        "Mijn collega jan vond het niks.",
        (NAME, "jan"),
    ),
    pd(
        "Zoals Floor Brouwer al zei: eerst overleggen.",
        (NAME, "Floor Brouwer"),
    ),
    pd(
        "Ik reageerde op een post van Job Willems.",
        (NAME, "Job Willems"),
    ),
    pd(
        "Max Verstappen-fan of niet, ik post niets over mijn werk.",
        (NAME, "Max Verstappen"),
    ),
    pd(
        "Is het oké als ik Iris noem in mijn bericht?",
        (NAME, "Iris"),
    ),
    pd(
        "Teamleider Van Dijk vindt dat ik het eerst had moeten vragen.",
        (NAME, "Van Dijk"),
    ),
    pd(
        "Ik werk samen met Xiomara Chirino op het dossier.",
        (NAME, "Xiomara Chirino"),
    ),
    pd(
        "Mijn naam is Bakker, ik werk bij BZK.",
        (NAME, "Bakker"),
    ),
    pd(
        "De opmerking kwam van mevrouw Öztürk.",
        (NAME, "Öztürk"),
    ),
    pd(
        "Mijn manager heet Laura Peeters.",
        (NAME, "Laura Peeters"),
    ),
    pd(
        "Ik stuurde het door naar Stefan.",
        (NAME, "Stefan"),
    ),
    pd(
        "Bedankt Hester, voor je snelle reactie.",
        (NAME, "Hester"),
    ),
    pd(
        "Naam: Dirk Schouten",
        (NAME, "Dirk Schouten"),
    ),
    # E-mail, including written-out and organisational addresses.
    pd("Mail jan.jansen@minbzk.nl even", (MAIL, "jan.jansen@minbzk.nl")),
    pd("Mail J.de.Vries+werk@rijksoverheid.nl", (MAIL, "J.de.Vries+werk@rijksoverheid.nl")),
    pd(
        "Je kunt me bereiken via s.devries@minfin.nl of via Teams.",
        (MAIL, "s.devries@minfin.nl"),
    ),
    pd(
        "mijn privémail is pietje1985@gmail.com",
        (MAIL, "pietje1985@gmail.com"),
    ),
    pd(
        "stuur het naar jan punt jansen apenstaartje minbzk punt nl",
        (MAIL, "jan punt jansen apenstaartje minbzk punt nl"),
    ),
    pd("mail naar jan[at]minbzk.nl", (MAIL, "jan[at]minbzk.nl")),
    pd("mail naar jan (at) minbzk (dot) nl", (MAIL, "jan (at) minbzk (dot) nl")),
    pd("reach me: jan at minbzk dot nl", (MAIL, "jan at minbzk dot nl")),
    pd(
        "Mijn adres is k.vermeulen apenstaartje rijksoverheid.nl",
        (MAIL, "k.vermeulen apenstaartje rijksoverheid.nl"),
    ),
    pd("Vragen? info@rijksoverheid.nl", (MAIL, "info@rijksoverheid.nl")),
    pd(
        "Ik heb het gemeld bij servicedesk@minbzk.nl.",
        (MAIL, "servicedesk@minbzk.nl"),
    ),
    pd(
        "De bevestiging kwam van noreply@mijnoverheid.nl",
        (MAIL, "noreply@mijnoverheid.nl"),
    ),
    pd(
        "Ik mailde met communicatie-team-dgob@minbzk.nl",
        (MAIL, "communicatie-team-dgob@minbzk.nl"),
    ),
    pd(
        "Mijn adres: Marloes.van.Dam@UWV.NL",
        (MAIL, "Marloes.van.Dam@UWV.NL"),
    ),
    pd(
        "e-mail: jan_jansen@outlook.com.",
        (MAIL, "jan_jansen@outlook.com"),
    ),
    pd(
        "Contact via jan.jansen @ minvws.nl",
        (MAIL, "jan.jansen @ minvws.nl"),
    ),
    pd(
        "mijn mail: p.dekker(at)belastingdienst.nl",
        (MAIL, "p.dekker(at)belastingdienst.nl"),
    ),
    pd(
        "Schrijf naar a.bos{at}ind.nl",
        (MAIL, "a.bos{at}ind.nl"),
    ),
    pd(
        "Mijn gmail is sannedevries88 at gmail dot com",
        (MAIL, "sannedevries88 at gmail dot com"),
    ),
    pd(
        "adres: l.peters apestaartje duo punt nl",
        (MAIL, "l.peters apestaartje duo punt nl"),
    ),
    # Phone numbers.
    pd("bel 06-12345678", (PHONE, "06-12345678")),
    pd("bel 0612345678.", (PHONE, "0612345678")),
    pd("bel 06 1234 5678", (PHONE, "06 1234 5678")),
    pd("bel +31 6 1234 5678", (PHONE, "+31 6 1234 5678")),
    pd("bel +31612345678", (PHONE, "+31612345678")),
    pd("bel 0031 6 12345678", (PHONE, "0031 6 12345678")),
    pd("bel 020-1234567", (PHONE, "020-1234567")),
    pd("bel (070) 123 45 67", (PHONE, "(070) 123 45 67")),
    pd("bel 070 - 123 45 67", (PHONE, "070 - 123 45 67")),
    pd("Mijn nummer is +31 (0)6 12 34 56 78.", (PHONE, "+31 (0)6 12 34 56 78")),
    pd("Bereikbaar op 06 - 12 34 56 78 na vijf uur.", (PHONE, "06 - 12 34 56 78")),
    pd("tel. 0570-612345 (thuis)", (PHONE, "0570-612345")),
    pd("App me op 06.12.34.56.78", (PHONE, "06.12.34.56.78")),
    pd("Mijn Belgische nummer: +32 470 12 34 56", (PHONE, "+32 470 12 34 56")),
    pd("Duits nummer +49 30 12345678", (PHONE, "+49 30 12345678")),
    pd("UK: +44 20 7946 0958", (PHONE, "+44 20 7946 0958")),
    pd("Bel mijn werknummer 088 123 4567.", (PHONE, "088 123 4567")),
    pd("Mijn nummer: 06–12345678", (PHONE, "06–12345678")),
    pd("whatsapp 0031612345678", (PHONE, "0031612345678")),
    pd("Bel me op +31-6-12345678", (PHONE, "+31-6-12345678")),
    pd("thuis 010 - 4123456", (PHONE, "010 - 4123456")),
    pd("Mijn nummer is +1 415 555 2671 als ik in de VS zit.", (PHONE, "+1 415 555 2671")),
    pd("Bel 06 123 456 78 als het niet lukt.", (PHONE, "06 123 456 78")),
    pd("Mijn vaste nummer is 0031 20 123 4567", (PHONE, "0031 20 123 4567")),
    # BSN.
    pd("mijn bsn is 111222333", (BSN, "111222333")),
    pd("bsn 1112.22.333", (BSN, "1112.22.333")),
    pd("bsn 111 222 333", (BSN, "111 222 333")),
    pd("BSN: 312966210, dat had ik per ongeluk gedeeld", (BSN, "312966210")),
    pd("Burgerservicenummer 171-497-685", (BSN, "171-497-685")),
    pd("mijn sofinummer was 255.482.802", (BSN, "255.482.802")),
    pd("Ik typte per ongeluk 131998134 in het veld.", (BSN, "131998134")),
    pd("BSN van mijn dochter: 3625.10.064", (BSN, "3625.10.064")),
    # IBAN.
    pd("iban NL91ABNA0417164300", (IBAN, "NL91ABNA0417164300")),
    pd("iban NL91 ABNA 0417 1643 00", (IBAN, "NL91 ABNA 0417 1643 00")),
    pd("iban nl91abna0417164300", (IBAN, "nl91abna0417164300")),
    pd("iban DE89370400440532013000", (IBAN, "DE89370400440532013000")),
    pd("Maak het over naar NL81 RABO 0312 3456 78.", (IBAN, "NL81 RABO 0312 3456 78")),
    pd("rekening NL20INGB0001234567 t.n.v. mij", (IBAN, "NL20INGB0001234567")),
    pd("Belgische rekening BE68 5390 0754 7034", (IBAN, "BE68 5390 0754 7034")),
    pd(
        "FR14 2004 1010 0505 0001 3M02 606 is mijn Franse rekening",
        (IBAN, "FR14 2004 1010 0505 0001 3M02 606"),
    ),
    pd("Rekeningnummer NL12RABO0123456789 (klopt misschien niet)", (IBAN, "NL12RABO0123456789")),
    pd("GB29NWBK60161331926819", (IBAN, "GB29NWBK60161331926819")),
    # Addresses and postcodes.
    pd("Ik woon op de Kerkstraat 12 in Utrecht.", (ADDRESS, "Kerkstraat 12")),
    pd(
        "Mijn adres is Dorpsstraat 3a, 1234 AB Ergens.",
        (ADDRESS, "Dorpsstraat 3a"),
        (ADDRESS, "1234 AB"),
    ),
    pd("postcode 2511BT", (ADDRESS, "2511BT")),
    pd("Ik woon in 3512 JE, vlak bij het station.", (ADDRESS, "3512 JE")),
    pd("Stuur het naar Bezuidenhoutseweg 73.", (ADDRESS, "Bezuidenhoutseweg 73")),
    pd("Ik woon aan de Prinses Beatrixlaan 582.", (ADDRESS, "Prinses Beatrixlaan 582")),
    pd(
        "Bezorgen op Laan van Nieuw Oost-Indië 131, graag.",
        (ADDRESS, "Laan van Nieuw Oost-Indië 131"),
    ),
    pd("Mijn huis aan de Oudegracht 245-bis is te zien op de foto.", (ADDRESS, "Oudegracht 245")),
    pd("We wonen op Lange Voorhout 9.", (ADDRESS, "Lange Voorhout 9")),
    pd("Ons adres is Herengracht 502 hs.", (ADDRESS, "Herengracht 502")),
    pd("adres: kerkstraat 12, 9711 LM groningen", (ADDRESS, "kerkstraat 12"), (ADDRESS, "9711 LM")),
    pd("Mijn postcode en huisnummer: 1017 AB 23", (ADDRESS, "1017 AB 23")),
    pd(
        "Je vindt me op de Burgemeester de Withstraat 14.",
        (ADDRESS, "Burgemeester de Withstraat 14"),
    ),
    pd("Zij woont op Julianaplein 4 in Assen.", (ADDRESS, "Julianaplein 4")),
    pd("postcode 2595 aa", (ADDRESS, "2595 aa")),
    # Birth dates.
    pd("Ik ben geboren op 12-03-1985.", (BIRTH, "12-03-1985")),
    pd("geb. 12 maart 1985", (BIRTH, "12 maart 1985")),
    pd("geboortedatum: 1985-03-12", (BIRTH, "1985-03-12")),
    pd("ik ben van 12-3-1985 en werk al lang bij het Rijk", (BIRTH, "12-3-1985")),
    pd("Geboren 3 januari 1979 te Zwolle.", (BIRTH, "3 januari 1979")),
    pd("Mijn geboortedatum is 07/11/1990.", (BIRTH, "07/11/1990")),
    pd("(geb. 1968) werk ik hier al dertig jaar", (BIRTH, "1968")),
    pd("Ik ben in 1992 geboren en voel me soms te jong voor dit werk.", (BIRTH, "1992")),
    pd("geboren op 1 april '88", (BIRTH, "1 april '88")),
    pd("Geboortedatum 5.6.1977", (BIRTH, "5.6.1977")),
    pd("ik ben jarig op 14 februari", (BIRTH, "14 februari")),
    pd("Mijn verjaardag is 23 juli 1984.", (BIRTH, "23 juli 1984")),
    # Licence plates.
    pd("Mijn auto met kenteken AB-12-34 stond op de foto.", (PLATE, "AB-12-34")),
    pd("Op de foto is 12-AB-34 goed te lezen.", (PLATE, "12-AB-34")),
    pd("kenteken 12-ABC-3", (PLATE, "12-ABC-3")),
    pd("Mijn leaseauto 1-ABC-23 staat erop.", (PLATE, "1-ABC-23")),
    pd("De auto (AB-123-C) van mijn manager stond op de foto.", (PLATE, "AB-123-C")),
    pd("ABC-12-D stond geparkeerd voor het ministerie.", (PLATE, "ABC-12-D")),
    pd("kenteken GV-123-X", (PLATE, "GV-123-X")),
    pd("mijn kenteken is 85TKS8", (PLATE, "85TKS8")),
    pd("Kenteken: 5-TXS-43", (PLATE, "5-TXS-43")),
    pd("De dienstauto had kenteken 49-SN-ZL.", (PLATE, "49-SN-ZL")),
    pd("op de foto: X-123-BB", (PLATE, "X-123-BB")),
    pd("kenteken: k-12-bbb", (PLATE, "k-12-bbb")),
    # IP addresses.
    pd("Mijn thuis-IP is 84.241.12.7.", (IP, "84.241.12.7")),
    pd("De log toonde 192.168.1.20 als bron.", (IP, "192.168.1.20")),
    pd("IPv6: 2001:db8:85a3::8a2e:370:7334", (IP, "2001:db8:85a3::8a2e:370:7334")),
    pd("mijn laptop had ip 10.0.0.5 op het netwerk", (IP, "10.0.0.5")),
    pd("verbonden vanaf fe80::1ff:fe23:4567:890a", (IP, "fe80::1ff:fe23:4567:890a")),
    pd("IP-adres 213.75.8.250 staat in de mail", (IP, "213.75.8.250")),
    pd(
        "2001:0db8:0000:0000:0000:ff00:0042:8329 stond in de header",
        (IP, "2001:0db8:0000:0000:0000:ff00:0042:8329"),
    ),
    # Passport and ID-card numbers.
    pd("Mijn paspoortnummer is NW92KL8D3.", (DOC, "NW92KL8D3")),
    pd("ID-kaart: IR57F21K4", (DOC, "IR57F21K4")),
    pd("identiteitskaart nummer BZ8R4TJ61 verloopt volgend jaar", (DOC, "BZ8R4TJ61")),
    pd("documentnummer SPECI2014", (DOC, "SPECI2014")),
    pd("Op de foto van mijn paspoort (XK3L9P2M7) is alles leesbaar.", (DOC, "XK3L9P2M7")),
    pd("paspoort nr. nf7h2k9r1", (DOC, "nf7h2k9r1")),
    pd("Mijn ID kaart heeft nummer HT4529KR8.", (DOC, "HT4529KR8")),
    pd("documentnr: PP12RT7Z5", (DOC, "PP12RT7Z5")),
    # Profiles and handles.
    pd(
        "zie https://www.linkedin.com/in/jan-jansen-1a2b3c/",
        (PROFILE, "linkedin.com/in/jan-jansen-1a2b3c"),
    ),
    pd("zie linkedin.com/in/janjansen", (PROFILE, "linkedin.com/in/janjansen")),
    pd(
        "zie https://x.com/janjansen en twitter.com/jj",
        (PROFILE, "x.com/janjansen"),
        (PROFILE, "twitter.com/jj"),
    ),
    pd("zie https://www.facebook.com/jan.jansen.9", (PROFILE, "facebook.com/jan.jansen.9")),
    pd("zie https://www.instagram.com/jan_jansen/", (PROFILE, "instagram.com/jan_jansen")),
    pd("zie https://www.tiktok.com/@janjansen", (PROFILE, "tiktok.com/@janjansen")),
    pd("volg @janjansen op X", (PROFILE, "@janjansen")),
    pd("Mijn Mastodon: @sanne@mastodon.social", (PROFILE, "@sanne@mastodon.social")),
    pd("Ik zit op https://social.overheid.nl/@pdekker", (PROFILE, "social.overheid.nl/@pdekker")),
    pd(
        "Bluesky: https://bsky.app/profile/sanne.bsky.social",
        (PROFILE, "bsky.app/profile/sanne.bsky.social"),
    ),
    pd("mijn threads: threads.net/@sanne.dv", (PROFILE, "threads.net/@sanne.dv")),
    pd("kanaal: https://www.youtube.com/@ambtenaarvlogt", (PROFILE, "youtube.com/@ambtenaarvlogt")),
    pd("code staat op github.com/jjansen-dev", (PROFILE, "github.com/jjansen-dev")),
    pd(
        "Ik werd getagd door @pietje_p en @m.devries",
        (PROFILE, "@pietje_p"),
        (PROFILE, "@m.devries"),
    ),
    pd("Mijn Bluesky-handle is @sannedv.bsky.social", (PROFILE, "@sannedv.bsky.social")),
    pd("volg me op https://mastodon.nl/@ambtenaar_jan", (PROFILE, "mastodon.nl/@ambtenaar_jan")),
    pd("ik post als @beleidsmeisje", (PROFILE, "@beleidsmeisje")),
    pd(
        "https://www.linkedin.com/in/s%C3%A9verine-dupont",
        (PROFILE, "linkedin.com/in/s%C3%A9verine-dupont"),
    ),
    pd("mijn oude account: twitter.com/ambtenaar_kees", (PROFILE, "twitter.com/ambtenaar_kees")),
    pd("youtube.com/c/BeleidInBeeld is mijn kanaal", (PROFILE, "youtube.com/c/BeleidInBeeld")),
    pd("@jan@social.overheid.nl reageerde direct", (PROFILE, "@jan@social.overheid.nl")),
    # Normalisation: non-breaking spaces, non-breaking hyphens, full-width digits.
    pd("bel 06\u00a012345678", (PHONE, "06 12345678")),
    pd("bel 06\u201112345678", (PHONE, "06\u201012345678")),
    pd("bel \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", (PHONE, "0612345678")),
    pd("bsn\u00a0111\u00a0222\u00a0333", (BSN, "111 222 333")),
    pd("Mijn manager Sanne\u00a0de\u00a0Vries keek mee.", (NAME, "Sanne de Vries")),
    pd("mail jan\uff20minbzk.nl", (MAIL, "jan@minbzk.nl")),
]

ORDINARY = [
    ok("Ik twijfel over een bericht over ons nieuwe beleid."),
    ok("Sinds 2019 werk ik 36 uur per week; 1.250 volgers."),
    ok("Zie https://www.rijksoverheid.nl/onderwerpen/ambtenaren"),
    ok("Het nummer 123456789 is geen BSN (elfproef faalt)."),
    ok("Geen iban: DE00370400440532013000."),
    ok("Ik zag het op LinkedIn en X."),
    # Dates and times.
    ok("Het overleg is op 01-03-2024 14:30 in Den Haag."),
    ok("Op 06-03-2024 om 12:00 plaatste ik het bericht."),
    ok("De wet gaat in op 1 januari 2025."),
    ok("Deadline: 2024-03-12, daarna gaat het naar de Tweede Kamer."),
    ok("Ik werk van 9.00 tot 17.00 uur, soms tot 18:30."),
    ok("De sessie is van 14:30-15:00."),
    ok("Op 12-03-1985 werd het ministerie heringericht."),
    ok("Het besluit van 12 maart 1985 is nog steeds van kracht."),
    ok("In week 12 van 2024 kwam de Kamerbrief uit."),
    ok("De post stond er van 06-12-2023 tot 08-12-2023."),
    ok("Ik schreef het op 31/12/2023 om 23.59 uur."),
    ok("Q3 2024 was druk; in Q4 wordt het rustiger."),
    ok("Het was op vrijdag 13 september."),
    ok("Ik ben van 2019 tot 2022 woordvoerder geweest."),
    ok("Ik ben in 2015 begonnen bij het Rijk."),
    ok("Het rapport is van 12-3-2024 en nog niet openbaar."),
    # Amounts, percentages, numbers.
    ok("Het gaat om 130.000.000 euro aan subsidies."),
    ok("De kosten waren € 1.250,50 per deelnemer."),
    ok("Een budget van €2,5 miljard, ofwel 2.500.000.000 euro."),
    ok("Ruim 1.234.567 inwoners, dat is 7,2% van Nederland."),
    ok("Ik heb 0,8 fte en zit in schaal 11, trede 5."),
    ok("Het bericht had 12.345 weergaven en 87 reacties."),
    ok("Ongeveer 80 procent van mijn collega's zit op LinkedIn."),
    ok("We hebben 3 van de 4 doelen gehaald, 75%."),
    ok("De begroting steeg met 240.000.000 euro."),
    ok("Tussen de 10 en 15 mensen reageerden binnen 24 uur."),
    ok("Er zijn 110.000.000 ton CO2 bespaard."),
    ok("Het dossier telt 2.345 pagina's en 1.200 bijlagen."),
    ok("Rijksbreed werken er ongeveer 130.000 mensen."),
    ok("Ik volg 512 accounts en heb 1.024 volgers."),
    # Article numbers, parliamentary papers, case law.
    ok("Volgens artikel 125a van de Ambtenarenwet moet ik terughoudend zijn."),
    ok("Zie Kamerstuk 36 200 VII, nr. 12."),
    ok("Art. 8 EVRM en artikel 10 lid 2 sub b Grondwet."),
    ok("Het staat in Stcrt. 2024, 12345."),
    ok("De uitspraak ECLI:NL:HR:2024:123 gaat over vrijheid van meningsuiting."),
    ok("BWBR0001840 is de Grondwet in het wettenbestand."),
    ok("Volgens paragraaf 2.3.1 van de gedragscode is dit toegestaan."),
    ok("Hoofdstuk 4 en bijlage 2 van de Handreiking gaan hierover."),
    ok("Zie artikel 2.1.3.4 van de Regeling."),
    ok("Aanhangsel Handelingen II 2023/24, nr. 1234."),
    ok("Het is Kamerstuk 29 362, nr. 345."),
    # Versions, products, technical.
    ok("Ik gebruik versie 2.1.3 van de app."),
    ok("Windows 11 en Python 3.11 staan op mijn laptop."),
    ok("Na de update naar iOS 17.4.1 werkte de app weer."),
    ok("Firefox 128.0.3 blokkeerde de link."),
    ok("We draaien versie 10.0.1.2 van het CMS."),
    ok("Volgens ISO 27001 en NEN 7510 is dit goed geregeld."),
    ok("De toegankelijkheidseisen staan in EN 301 549."),
    ok("We werken met Copilot en ChatGPT, maar niet met persoonlijke data."),
    ok("Ik heb het bericht in Teams en Outlook gedeeld."),
    ok("Mijn telefoon is een iPhone 15 met 128 GB."),
    ok("Het bestand is 1500 MB groot."),
    ok("Ik heb 2 TB aan foto's van evenementen."),
    ok("Een NH-90 en een F-35 stonden op de foto van de open dag."),
    ok("Sinds COVID-19 werk ik veel thuis."),
    ok("De G-20 en de EU-27 kwamen ook ter sprake."),
    ok("We zitten op B1-niveau, dus schrijf eenvoudig."),
    ok("Het netwerk 10.0 en de oude versie 1.2.3 worden uitgefaseerd."),
    ok("Score: 4-5-3, daarna 2-1-0."),
    ok("Het NL-Alert van 12:00 ging over de storm."),
    ok("MH17 is een gevoelig onderwerp voor ons team."),
    ok("Ik lees de A2- en B1-varianten na."),
    ok("Het project heet WO-II in beeld."),
    # Places, organisations, platforms.
    ok("Ik werk in Den Haag en woon in Den Helder."),
    ok("Rijksoverheid, LinkedIn en Twitter zijn voor mij verschillende werelden."),
    ok(
        "Het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties heeft een "
        "sociale-mediabeleid."
    ),
    ok("De Raad van State en de Tweede Kamer hebben hier iets over gezegd."),
    ok("Ik werkte eerder bij het Erasmus MC en het Radboudumc."),
    ok("We hadden een uitje naar het Anne Frank Huis."),
    ok("Ik kocht koffie bij de Albert Heijn naast het ministerie."),
    ok("Koning Willem-Alexander opende het gebouw."),
    ok("Bergen op Zoom en Alphen aan den Rijn zijn ook Rijkslocaties."),
    ok("Mijn team zit in Utrecht, Zwolle en Groningen."),
    ok("De Belastingdienst, het UWV en DUO werken samen."),
    ok("Ik zit op Mastodon, Bluesky en Threads."),
    ok("Het CBS en het RIVM publiceerden nieuwe cijfers."),
    ok("Ik werk bij Rijkswaterstaat in Lelystad."),
    ok("De NOS en het NRC schreven erover."),
    ok("Europa en Nederland verschillen hierin."),
    ok("Amsterdam 2025 was een groot evenement."),
    ok("Eindhoven 2030 is het thema van de campagne."),
    ok("In Rotterdam 12 jaar gewerkt, nu in Den Haag."),
    ok("Het Jeroen Bosch Ziekenhuis deed mee aan het onderzoek."),
    ok("De Johan Cruijff ArenA werd verlicht."),
    ok("Ik volg @Rijksoverheid en @MinBZK op X."),
    ok("Zie x.com/rijksoverheid voor de officiële reactie."),
    ok("Bekijk https://www.linkedin.com/company/rijksoverheid/ voor vacatures."),
    ok("Voor vragen: bel 1400 of kijk op rijksoverheid.nl."),
    ok("De Belastingtelefoon is 0800-0543."),
    ok("Postbus 51 is al lang opgeheven."),
    ok("Bel bij nood 112."),
    # Common words that are also names, at the start of a sentence.
    ok("Wil je dat ik het eerst aan je voorleg?"),
    ok("Ben ik te kritisch geweest in mijn post?"),
    ok("Toon het bericht eerst aan je leidinggevende."),
    ok("Lieve collega's, bedankt voor jullie reacties."),
    ok("Storm in een glas water, zei mijn team."),
    ok("Max. 280 tekens op X, dus ik moest inkorten."),
    ok("Mark het bericht als gevoelig in het archief."),
    ok("Kader en regels zijn duidelijk, de praktijk niet."),
    ok("Nader onderzoek volgt volgens de woordvoerder."),
    ok("Hart van Nederland belde over mijn bericht."),
    ok("Jouw mening telt, schreef de directie."),
    ok("Zomer en winter maakt niet uit: er komen altijd vragen."),
    ok("Klaar is Kees, dacht ik na het posten."),
    ok("We schrijven in Jip-en-Janneketaal, ook op LinkedIn."),
    ok("Ik schrijf voor Jan Modaal, niet voor experts."),
    ok("Lean werken is bij ons de norm."),
    ok("Roos, tulp en madelief stonden op de foto van de bloemenactie."),
    ok("Dirk is een supermarkt, geen collega."),
    ok("Burger centraal: dat is ons motto."),
    ok("Men zegt dat ambtenaren niet mogen posten, maar dat klopt niet."),
    ok("Job crafting is een thema in ons team."),
    ok("Baan of geen baan, ik wil mijn mening kunnen geven."),
    ok("Iris-scans worden niet gebruikt bij ons."),
    ok("Het Mauritshuis en het Rijksmuseum hadden een gezamenlijke campagne."),
    # English phrases, "at" and "@" in ordinary use.
    ok("I looked at the data and it was fine."),
    ok("At the end of the day, it is my own account."),
    ok("We meet at 10 in the main hall."),
    ok("The post was shared at LinkedIn Live."),
    ok("Let's talk at lunch."),
    ok("Ik schreef: 'see you at the conference'."),
    ok("Het @-teken gebruik ik niet meer."),
    ok("Ik zei: @ iedereen, let op wat je deelt."),
    ok("De mail ging naar de hele afdeling, niet naar één persoon."),
    ok("Ik schreef een e-mail aan het MT."),
    # Reflections without personal data.
    ok("Ik wil iets delen over het nieuwe thuiswerkbeleid, maar twijfel of het mag."),
    ok("Mijn leidinggevende weet nog niet dat ik dit wil posten."),
    ok("Het bericht gaat over de inwerkingtreding van de Woo, geen vertrouwelijke info."),
    ok("Ik wil laten zien hoe trots ik ben op ons team."),
    ok("De krant zou dit een lek kunnen noemen, denk ik."),
    ok("Ik heb drie keer herschreven voordat ik op plaatsen drukte."),
    ok("Mijn manager vindt het prima, zolang ik geen namen noem."),
    ok("Collega's reageerden positief, de directie zei niets."),
    ok("Ik ben bang dat het verkeerd valt bij de minister."),
    ok("Ik ben blij dat ik eerst de zelftoets deed."),
    ok("Ik ben Nederlander en ambtenaar, dat botst soms."),
    ok("Het ging om een foto van de vergaderzaal zonder mensen erop."),
    ok("Ik twijfel: is dit politiek gevoelig of niet?"),
    ok("De teamleider zei dat ik het beter niet kon doen."),
    ok("Mijn collega vond het een goed idee."),
    ok("De directeur Communicatie heeft een nieuwe richtlijn gestuurd."),
    ok("Manager HR en teamleider ICT waren allebei uitgenodigd."),
    ok("Ik werk als beleidsmedewerker bij een ministerie."),
    ok("Na 25 jaar bij het Rijk post ik voor het eerst over mijn werk."),
    ok("Mijn post op 3 oktober had 3 likes."),
    ok("De ochtend begon om 07:45 met een crisisoverleg."),
    ok("Ik was de enige van de 12 die iets postte."),
    ok("Dit is mijn 2e post over de Omgevingswet."),
    ok("We kregen 1 op de 4 reacties negatief."),
    ok("Ik schreef 'dank aan iedereen' zonder namen."),
    ok("Mijn bericht van 280 tekens kostte me 2 uur."),
    ok("Staat dit in de gedragscode Integriteit Rijk?"),
    ok("Ik ga het eerst met mijn team bespreken."),
    ok("Volgende week is de hackathon van 9:00 tot 21:00."),
    ok("Het bedrag van 1.000.000 euro noemde ik niet."),
    ok("Het zaaknummer staat niet in mijn post."),
    ok("Er staan 2500 EU-regels in dat overzicht."),
    ok("Ik vind het moeilijk om de toon goed te krijgen."),
    ok("Vandaag 17 reacties, gisteren 3."),
    ok("Versie 3 van de tekst is definitief."),
    ok("In 2024 AI-tools gebruiken mag alleen met toestemming."),
]

MIXED = [
    pd(
        "Ik heb op 01-03-2024 om 14:30 een bericht op LinkedIn geplaatst over ons beleid. "
        "Mijn manager Sanne de Vries (s.devries@minbzk.nl, 06-12345678) vond het te vroeg. "
        "Het ging om 130.000.000 euro voor 2025, artikel 125a kwam ook langs. "
        "Nu twijfel ik of ik het moet verwijderen.",
        (NAME, "Sanne de Vries"),
        (MAIL, "s.devries@minbzk.nl"),
        (PHONE, "06-12345678"),
        keep=("01-03-2024 om 14:30", "130.000.000 euro", "2025", "artikel 125a"),
    ),
    pd(
        "Beste zelftoets, ik ben Pieter Jansen, geboren op 12-03-1985, en werk sinds 2019 36 uur "
        "per week. Mijn BSN is 111222333 en mijn IBAN NL91 ABNA 0417 1643 00, maar dat had ik "
        "natuurlijk nooit mogen posten. Gelukkig zag mijn collega Fatima het op tijd.",
        (NAME, "Pieter Jansen"),
        (BIRTH, "12-03-1985"),
        (BSN, "111222333"),
        (IBAN, "NL91 ABNA 0417 1643 00"),
        (NAME, "Fatima"),
        keep=("sinds 2019 36 uur",),
    ),
    pd(
        "Op de foto van de open dag stond de auto van mijn teamleider met kenteken 12-ABC-3 "
        "voor het pand aan de Turfmarkt 147. Er waren 1.250 bezoekers; ik had de foto om 10:15 "
        "gepost. Volg ons team op @bzk_open_dag (niet mijn eigen account @janjansen).",
        (PLATE, "12-ABC-3"),
        (ADDRESS, "Turfmarkt 147"),
        (PROFILE, "@bzk_open_dag"),
        (PROFILE, "@janjansen"),
        keep=("1.250 bezoekers", "10:15"),
    ),
    pd(
        "Ik ben ICT'er en deelde een screenshot met het IP-adres 84.241.12.7 en de "
        "versie 2.1.3 van de applicatie. De storing duurde van 09:00 tot 11:45 en raakte "
        "3,5% van de gebruikers. Mijn collega Bas Hermans (b.hermans@rvo.nl) zei dat ik het "
        "moest weghalen.",
        (IP, "84.241.12.7"),
        (NAME, "Bas Hermans"),
        (MAIL, "b.hermans@rvo.nl"),
        keep=("versie 2.1.3", "09:00 tot 11:45", "3,5%"),
    ),
    pd(
        "Ik wilde op Mastodon (https://social.overheid.nl/@jdevries) iets posten over Kamerstuk "
        "36 200 VII. Mijn leidinggevende, mevrouw Bakker, vroeg of ik eerst kon wachten tot 1 "
        "januari 2025. Bel me gerust: 070 - 123 45 67.",
        (PROFILE, "social.overheid.nl/@jdevries"),
        (NAME, "Bakker"),
        (PHONE, "070 - 123 45 67"),
        keep=("Kamerstuk 36 200 VII", "1 januari 2025"),
    ),
    pd(
        "Vorige week (week 12) reisde ik met paspoort NW92KL8D3 naar Brussel voor de EU-27 "
        "vergadering. Ik postte een foto van de badge met mijn naam, Ingrid Smit, erop. Het "
        "hotel kostte € 1.250,50 en de reis 4 uur.",
        (DOC, "NW92KL8D3"),
        (NAME, "Ingrid Smit"),
        keep=("week 12", "EU-27", "€ 1.250,50", "4 uur"),
    ),
    pd(
        "In de groepsapp stond: 'Wie rijdt morgen? Mijn auto AB-12-34 is in de garage.' Thomas "
        "antwoordde met zijn nummer 06 1234 5678 en zijn adres Kerkstraat 12. Ik heb dat "
        "gescreenshot en op X gezet. Dom, want er staan ook 87 andere berichten in.",
        (PLATE, "AB-12-34"),
        (NAME, "Thomas"),
        (PHONE, "06 1234 5678"),
        (ADDRESS, "Kerkstraat 12"),
        keep=("87 andere berichten",),
    ),
    pd(
        "Sinds 2016 werk ik bij het UWV. Mijn manager, Van der Linden, wil dat ik mijn "
        "LinkedIn-profiel (linkedin.com/in/kdewit) aanpas. Ik vind 80 procent van de regels "
        "logisch. Mijn mail: k.dewit@uwv.nl; telefoon +31 6 1234 5678.",
        (NAME, "Van der Linden"),
        (PROFILE, "linkedin.com/in/kdewit"),
        (MAIL, "k.dewit@uwv.nl"),
        (PHONE, "+31 6 1234 5678"),
        keep=("Sinds 2016", "80 procent"),
    ),
    pd(
        "Ik deelde een foto van mijn werkplek. Op de achtergrond hing een brief met mijn "
        "postcode 2595 AA en mijn geboortedatum 07/11/1990. Verder niets gevoeligs: alleen "
        "de planning voor Q3 2024 en versie 1.2.3 van het dashboard.",
        (ADDRESS, "2595 AA"),
        (BIRTH, "07/11/1990"),
        keep=("Q3 2024", "versie 1.2.3"),
    ),
    pd(
        "Mijn collega Mohamed zei dat het bedrag van € 240.000.000 niet openbaar was. Dat was "
        "het wel: het staat in de begroting 2025. Wel stond per ongeluk het rekeningnummer "
        "NL20INGB0001234567 van de leverancier erin. Bel 020-1234567 voor de helpdesk.",
        (NAME, "Mohamed"),
        (IBAN, "NL20INGB0001234567"),
        (PHONE, "020-1234567"),
        keep=("€ 240.000.000", "begroting 2025"),
    ),
    pd(
        "Ik schrijf dit op 31-12-2023 om 23:59. Ik heb vandaag via @pietje_p en "
        "https://x.com/janjansen gereageerd op een bericht van onze minister. Mijn "
        "teamleider Roos Hendriks was er niet blij mee, zij stuurde me om 18.30 uur een "
        "mail vanaf r.hendriks@minbzk.nl.",
        (PROFILE, "@pietje_p"),
        (PROFILE, "x.com/janjansen"),
        (NAME, "Roos Hendriks"),
        (MAIL, "r.hendriks@minbzk.nl"),
        keep=("31-12-2023 om 23:59", "18.30 uur"),
    ),
    pd(
        "Als tester logde ik in vanaf 2001:db8:85a3::8a2e:370:7334 en 10.0.0.5. Windows 11 "
        "gaf een foutmelding 0x80070005. Mijn collega J. de Vries nam het over om 16:00.",
        (IP, "2001:db8:85a3::8a2e:370:7334"),
        (IP, "10.0.0.5"),
        (NAME, "J. de Vries"),
        keep=("Windows 11", "0x80070005", "16:00"),
    ),
    pd(
        "Hoi, ik ben Lisa. Ik werk 32 uur bij de Belastingdienst in Apeldoorn. Ik wilde een "
        "bericht plaatsen over de 1.500 extra banen. Mijn manager Erik Wijnands zegt dat het "
        "pas na 15 maart mag. Mijn privénummer is 06-87654321.",
        (NAME, "Lisa"),
        (NAME, "Erik Wijnands"),
        (PHONE, "06-87654321"),
        keep=("32 uur", "1.500 extra banen", "15 maart", "Belastingdienst in Apeldoorn"),
    ),
    pd(
        "Mijn ID-kaart (IR57F21K4) en rijbewijs lagen op het bureau toen ik de foto maakte. "
        "Ik heb de post na 5 minuten verwijderd, maar 23 mensen hadden hem al gezien. Mijn "
        "leidinggevende dhr. Bouzid wil het in het MT van dinsdag 14:00 bespreken.",
        (DOC, "IR57F21K4"),
        (NAME, "Bouzid"),
        keep=("5 minuten", "23 mensen", "14:00"),
    ),
    pd(
        "Ik ben Noor van den Heuvel (geb. 3 januari 1979). Mijn adres: Laan van Nieuw "
        "Oost-Indië 131, 2593 BM Den Haag. Ik werk bij een ministerie en wil reageren op "
        "een artikel over 7,5% bezuinigingen. Mijn Bluesky is @noorvdh.bsky.social.",
        (NAME, "Noor van den Heuvel"),
        (BIRTH, "3 januari 1979"),
        (ADDRESS, "Laan van Nieuw Oost-Indië 131"),
        (ADDRESS, "2593 BM"),
        (PROFILE, "@noorvdh.bsky.social"),
        keep=("7,5% bezuinigingen", "Den Haag"),
    ),
]

# Written after the first measurement, as cases the scrubber was expected to get wrong; kept
# whatever they score.
HARD_PERSONAL = [
    pd("Jansen vond het goed dat ik het deelde.", (NAME, "Jansen")),
    pd("ik sprak met pieter over de post", (NAME, "pieter")),
    pd("SANNE DE VRIES heeft het bericht gedeeld.", (NAME, "SANNE DE VRIES")),
    pd(
        "Zoë van Dam en José Fernández reageerden.", (NAME, "Zoë van Dam"), (NAME, "José Fernández")
    ),
    pd("Ömer Çelik zit in mijn team.", (NAME, "Ömer Çelik")),
    pd("Sanne's reactie was kort.", (NAME, "Sanne")),
    pd(
        "Hidde, Femke en Joost hebben het gelezen.",
        (NAME, "Hidde"),
        (NAME, "Femke"),
        (NAME, "Joost"),
    ),
    pd("Volgens De Boer is het prima.", (NAME, "De Boer")),
    pd("Bakker zei dat het niet kon.", (NAME, "Bakker")),
    pd("Ik kreeg een like van Kim Putters.", (NAME, "Kim Putters")),
    pd("De post van mijn collega's Anna en Youssef ging viral.", (NAME, "Anna"), (NAME, "Youssef")),
    pd("mijn teamleider (Marco) was boos", (NAME, "Marco")),
    pd("Mijn dochter is geboren op 3 juni 2015.", (BIRTH, "3 juni 2015")),
    pd("DOB: 1985-03-12", (BIRTH, "1985-03-12")),
    pd("Bel me: +31 (0) 20 123 4567", (PHONE, "+31 (0) 20 123 4567")),
    pd("Mijn nummer is 06-1234 5678.", (PHONE, "06-1234 5678")),
    pd(
        "mijn nummer: nul zes een twee drie vier vijf zes zeven acht",
        (PHONE, "nul zes een twee drie vier vijf zes zeven acht"),
    ),
    pd("Mijn adres is Kerkstr. 12.", (ADDRESS, "Kerkstr. 12")),
    pd("Mijn postcode is 1234 ab.", (ADDRESS, "1234 ab")),
    pd("Ik woon op Kerkstraat 12 A in Gouda.", (ADDRESS, "Kerkstraat 12 A")),
    pd("mail: jan.jansen@minbzk (zonder .nl)", (MAIL, "jan.jansen@minbzk")),
    pd("mijn mail is jan(at)minbzk(punt)nl", (MAIL, "jan(at)minbzk(punt)nl")),
    pd("Mijn LinkedIn is jan-jansen-1a2b3c, zoek maar.", (PROFILE, "jan-jansen-1a2b3c")),
    pd(
        "facebook.com/profile.php?id=100012345678",
        (PROFILE, "facebook.com/profile.php?id=100012345678"),
    ),
    pd("De server 84.241.12.7:8080 was van mij thuis.", (IP, "84.241.12.7")),
    pd("Mijn auto met nummerbord XB-123-P stond erop.", (PLATE, "XB-123-P")),
    pd("kenteken 12ab34", (PLATE, "12ab34")),
    pd("Mijn paspoort verliep; het nummer was NXC4R7KD2 of zo.", (DOC, "NXC4R7KD2")),
    pd("NW92KL8D3 is mijn documentnummer.", (DOC, "NW92KL8D3")),
    pd("Mijn bsn (eindigt op 333) is 111.222.333", (BSN, "111.222.333")),
    pd("iban: nl91 abna 0417 1643 00", (IBAN, "nl91 abna 0417 1643 00")),
]

HARD_ORDINARY = [
    ok("Ben jij vanavond de Bob, of ga je met de trein?"),
    ok("Het Zwarte Piet-debat speelt elk jaar weer op."),
    ok("Ik las Max Havelaar op de middelbare school."),
    ok("We hadden de heidag in het Van der Valk Hotel."),
    ok("Het Van Gogh Museum had een mooie campagne."),
    ok("De Europese Commissie en Von der Leyen kwamen ter sprake."),
    ok("Hope you are well: zo begin ik Engelse mails."),
    ok("Ik zit in de Summer School van de Rijksacademie."),
    ok("Op 12.03.2024 om 9.30 uur was het overleg."),
    ok("Het jubileum was op 12-03-1985, lang voor mijn tijd."),
    ok("ISBN 978-90-12345-67-8 is het boek over ambtelijk vakmanschap."),
    ok("Bel 14 070 voor de gemeente."),
    ok("Kijk op linkedin.com voor vacatures."),
    ok("Zie github.com/minbzk voor de broncode."),
    ok("Het YouTube-kanaal van de Rijksoverheid heeft een nieuwe video."),
    ok("Volg ons op x.com/MinBZK."),
    ok("Het zaaknummer 2024-0612345 staat in het systeem."),
    ok("De Tweede Kamer debatteert op 12 maart over artikel 3.1."),
    ok("Op 5 mei vieren we Bevrijdingsdag."),
    ok("Het kabinet-Schoof en de motie-Omtzigt kwamen langs."),
    ok("Frank en vrij je mening geven is niet altijd verstandig."),
    ok("Ik werk bij de gemeente Den Haag, niet bij het Rijk."),
    ok("De Haagse Hogeschool en de Hogeschool Utrecht leiden ons op."),
    ok("Mijn team heeft 12 fte, 3 vacatures en 1 stagiair."),
    ok("Versie 4.2.1.0 bevat de fix."),
    ok("Van 2020 t/m 2023 werkte ik bij DUO."),
    ok("Het Binnenhof is tot 2028 in renovatie."),
    ok("Het Malieveld stond vol trekkers."),
    ok("Ik werk aan de Rijnstraat, het gebouw van JenV en BZK."),
    ok("Tijdens Prinsjesdag was het druk in Den Haag."),
    ok("Grace period: je hebt 30 dagen om bezwaar te maken."),
]

# Long ordinary reflections, written last and without looking at the scrubber's output: many
# capitalised words, organisations, places, dates and numbers, and no personal data.
LONG_ORDINARY = [
    ok(
        "Vorige week plaatste ik op LinkedIn een bericht over de nieuwe Woo-procedure. Ik schreef "
        "dat we sinds 1 mei 2024 ruim 1.200 verzoeken hebben afgehandeld, 14% meer dan in 2023. "
        "Mijn leidinggevende vond het goed, maar de afdeling Communicatie wilde eerst meelezen. "
        "Achteraf denk ik dat dat terecht was: de cijfers stonden nog niet in de Kamerbrief."
    ),
    ok(
        "Ik werk bij Rijkswaterstaat in Utrecht en post soms foto's van de Afsluitdijk en de "
        "Maeslantkering. Op Mastodon heb ik zo'n 300 volgers. Ik twijfel of een foto van de "
        "controlekamer kan: er staan schermen op met storingsmeldingen van 03:15 uur."
    ),
    ok(
        "Op Prinsjesdag schreef ik een draadje op X over de Miljoenennota. Ik noemde het bedrag "
        "van € 3,4 miljard voor defensie en linkte naar rijksoverheid.nl. Een journalist van de "
        "NOS reageerde. Toen pas besefte ik dat ik als ambtenaar van Financiën herkenbaar was."
    ),
    ok(
        "Hoe ver mag je gaan in kritiek op het eigen beleid? Ik vind de Participatiewet te streng "
        "en wil dat zeggen, maar ik werk bij SZW. De Ambtenarenwet 2017 zegt iets over "
        "terughoudendheid. Ik lees de Gedragscode Integriteit Rijk er nog eens op na."
    ),
    ok(
        "In het weekend deelde ik een artikel van de Volkskrant over stikstof. Mijn profiel noemt "
        "dat ik bij LNV werk. Een oud-collega van de provincie Gelderland stuurde een berichtje: "
        '"Weet je zeker dat dit handig is?" Ik heb het laten staan, met een toelichting.'
    ),
    ok(
        "Tijdens de Week van de Toegankelijkheid presenteerde ons team een checklist volgens "
        "WCAG 2.1 niveau AA. Ik wilde een foto van de sessie delen, maar er stonden mensen op "
        "die niet gevraagd waren. Daarom koos ik voor een foto van de dia's."
    ),
    ok(
        "Ik schrijf graag over digitale overheid, bijvoorbeeld over DigiD, MijnOverheid en de "
        "Europese digitale identiteit (EUDI). Bij de vorige post kreeg ik 45 reacties en 3 "
        "boze mails. Moet ik voortaan vooraf overleggen met de directie?"
    ),
    ok(
        "De Raad van State adviseerde negatief over het wetsvoorstel. Ik vond dat interessant en "
        "wilde er een samenvatting van posten. Maar het advies is van 28 maart en nog niet "
        "openbaar gemaakt door het ministerie. Dus ik wacht."
    ),
    ok(
        "Sinds de verhuizing naar de Rijnstraat werk ik vaker thuis in Zoetermeer. Op Bluesky "
        "deel ik soms iets over hybride werken. Ik noem nooit mijn directie of project, alleen "
        "algemene ervaringen, zoals dat een overleg van 9:00 tot 10:30 te lang is."
    ),
    ok(
        "Mijn post over de Omgevingswet ging viraal: 25.000 weergaven in twee dagen. Ik had "
        "geschreven dat de invoering op 1 januari 2024 chaotisch verliep. De woordvoering van "
        "BZK vroeg me om dat nuanceren. Ik heb de post aangepast en een update toegevoegd."
    ),
    ok(
        "Ik ben projectleider bij de Belastingdienst en twijfel over een blog over de "
        "herstelaanpak toeslagen. Het onderwerp is gevoelig; de Tweede Kamer heeft er "
        "tientallen debatten over gevoerd. Mag ik mijn eigen ervaringen delen als ik geen "
        "dossiers noem?"
    ),
    ok(
        "Op de open dag in Den Haag stonden we met een stand over de Rijksacademie voor "
        "Digitalisering en Informatisering Overheid (RADIO). Ik maakte een foto van de stand "
        "en zette die op Instagram met #werkenbijhetrijk. Er stonden alleen collega's op die "
        "dat goed vonden."
    ),
    ok(
        "Het Koninklijk Instituut voor de Tropen en het Nationaal Archief hadden een "
        "gezamenlijke tentoonstelling. Ik wilde daarover posten omdat wij de subsidie "
        "verstrekten. Is dat reclame voor eigen werk, of gewoon trots?"
    ),
    ok(
        "Wat ik lastig vind: op LinkedIn voelt alles zakelijk, op Instagram persoonlijk. Ik werk "
        "bij het CBS en de cijfers die ik deel zijn openbaar, zoals de inflatie van 3,1% in "
        "oktober. Toch krijg ik soms reacties alsof ik namens het kabinet spreek."
    ),
    ok(
        'Ik schreef in het Engels: "Proud of our team at the Ministry of the Interior for '
        'launching the new guidelines." Een collega vroeg of ik at the Ministry wel mocht '
        "schrijven. Volgens de Handreiking mag dat, zolang ik duidelijk op persoonlijke titel "
        "spreek."
    ),
    ok(
        "In Brussel zat ik bij een werkgroep van de Raad van de Europese Unie. Ik tweette een "
        "foto van het Justus Lipsius-gebouw. Daarna bedacht ik dat de agenda vertrouwelijk was, "
        "ook al stond die niet op de foto."
    ),
    ok(
        "Ons team werkt met Scrum: sprints van 2 weken, een demo op vrijdag om 15:00. Ik wilde "
        "op LinkedIn iets vertellen over de resultaten van sprint 14, maar de product owner "
        "vond dat te vroeg. We hebben afgesproken dat ik het na release 3.2 mag doen."
    ),
    ok(
        "Bij de viering van 75 jaar NAVO hield de minister een toespraak in Den Haag. Ik zat in "
        "de zaal en wilde een citaat delen. Mijn manager zei: wacht tot de tekst op "
        "defensie.nl staat. Dat was een dag later het geval."
    ),
    ok(
        "De helpdesk van SSC-ICT was een week onbereikbaar door een storing. Ik schreef een "
        "grappige post op Threads over werken zonder laptop. Dat werd opgepikt door een "
        "vakblad. Ik vond het leuk, mijn afdelingshoofd minder."
    ),
    ok(
        "Ik wil reageren op een column in de Telegraaf over luie ambtenaren. Ik werk 36 uur, "
        "vaak ook 's avonds, en vind de toon oneerlijk. Maar als ik reageer, lijkt het of het "
        "Rijk zich verdedigt. Misschien laat ik het beter aan de vakbond over."
    ),
    ok(
        "Mijn eerste maand bij het ministerie van OCW zit erop. Ik wil op LinkedIn vertellen "
        "hoe het inwerkprogramma was: 4 weken, 12 sessies, 1 buddy. Ik noem geen namen en "
        "laat de foto van de groep weg."
    ),
    ok(
        "De Nationale Ombudsman publiceerde een rapport over de bereikbaarheid van de overheid. "
        "Ik werk bij het UWV en herkende veel. Ik wil dat delen met een korte reactie, maar "
        "twijfel of ik mijn werkgever noem."
    ),
    ok(
        "Voor de Dag van de Publieke Dienstverlening maakten we een video met 8 collega's uit "
        "Groningen, Zwolle en Maastricht. Iedereen tekende een toestemmingsformulier. De video "
        "staat op YouTube; mag ik die op mijn eigen account delen?"
    ),
    ok(
        "Ik twijfel of ik iets mag zeggen over de reorganisatie van DGOO. Het besluit is "
        "genomen, de OR heeft advies uitgebracht op 14 februari, en het staat op het intranet. "
        "Openbaar is het nog niet. Ik houd het dus nog even voor me."
    ),
    ok(
        "Hoe kijkt de krant hiernaar? Stel dat mijn post over het asielbeleid morgen op de "
        'voorpagina van het AD staat, met de kop "Ambtenaar IND kritisch op minister". Dan '
        "heb ik een probleem. Die toets helpt me echt."
    ),
]

CORPUS = PERSONAL + ORDINARY + MIXED + HARD_PERSONAL + HARD_ORDINARY + LONG_ORDINARY
