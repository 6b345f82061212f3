/// Word lists for people and places. Domains use the reserved `.example` TLD.
enum Names {
    static let first = [
        "Aaron", "Abigail", "Adrian", "Aisha", "Alex", "Amara", "Andre", "Beatriz", "Ben", "Carla",
        "Chen", "Chloe", "Daniel", "Deepa", "Diego", "Elena", "Emeka", "Farah", "Felix", "Grace",
        "Hana", "Hugo", "Ines", "Ivan", "Jamal", "Jana", "Jonas", "Julia", "Kai", "Kenji",
        "Laura", "Leon", "Lina", "Marco", "Maya", "Mei", "Nadia", "Noah", "Olga", "Omar",
        "Paula", "Rafael", "Rosa", "Sam", "Sofia", "Tariq", "Vera", "Yusuf",
    ]

    static let last = [
        "Abbott", "Alvarez", "Baker", "Bauer", "Brennan", "Castillo", "Chowdhury", "Cohen", "Dubois", "Eriksen",
        "Fischer", "Garcia", "Gupta", "Hall", "Hansen", "Ibrahim", "Jensen", "Kaur", "Kim", "Kowalski",
        "Larsen", "Lopez", "Mbeki", "Meyer", "Moreau", "Nakamura", "Novak", "Okafor", "Olsen", "Park",
        "Patel", "Quinn", "Rossi", "Russo", "Santos", "Schmidt", "Silva", "Singh", "Sullivan", "Tanaka",
        "Torres", "Umar", "Varga", "Wagner", "Walsh", "Weber", "Yilmaz", "Zhang",
    ]

    static let companies = [
        "contoso.example", "fabrikam.example", "adventure-works.example", "tailspintoys.example",
        "wingtiptoys.example", "litwareinc.example", "proseware.example", "woodgrovebank.example",
        "fourthcoffee.example", "alpineskihouse.example",
    ]

    /// One-off senders write from consumer mailboxes that no regular correspondent uses.
    static let freemail = ["mailbox.example", "webmail.example", "inbox.example", "post.example"]

    static let projects = ["Falcon", "Orion", "Harbor", "Cedar", "Atlas", "Beacon"]
    static let teams = ["Finance", "Legal", "Operations", "Sales", "Platform", "Compliance"]
    static let cities = ["Chicago", "Lisbon", "Singapore", "Toronto", "Berlin", "Austin"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
