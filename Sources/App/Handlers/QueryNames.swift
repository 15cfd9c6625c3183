// QueryNames: a name in a query (`speaker`, `entity`, the entity search `q`) as the store holds it. People are
// stored without honorifics and titles ("Mr Blair" and "President Bush" are the people "Blair" and "Bush", the
// title kept as the role), so a name that finds nothing as typed is tried again without its leading honorifics and
// titles, read from the analysis's own word lists (TextAnalysis.PersonTitles). Only then: "General Motors" or
// "Lady Gaga" as stored keep matching as typed.
import Storage
import TextAnalysis

enum QueryNames {
    /// Loaded once, on first use (two small data files).
    static let titles = Result { try PersonTitles(resources: ResourceLoader.bundled()) }

    /// `name` without its leading honorifics and titles, or nil when it has none (or nothing else).
    static func withoutTitles(_ name: String) throws -> String? {
        let bare = try titles.get().stripped(name)
        return bare == name ? nil : bare
    }

    /// The name a speaker or entity filter looks up: `name` as typed when some entity has it (as
    /// ArticleStore.entities(named:) matches), else without its titles when that names one.
    static func entityName(_ name: String, store: ArticleStore) throws -> String {
        guard let bare = try withoutTitles(name),
              try storing({ () throws(StorageError) in try store.entities(named: name, limit: 1) }).isEmpty
        else { return name }
        return bare
    }

    /// The text of an entity search: `q` as typed when it matches some entity, else without its titles.
    static func searchText(_ q: String, type: String?, store: ArticleStore) throws -> String {
        guard let bare = try withoutTitles(q),
              try storing({ () throws(StorageError) in
                  try store.entities(EntityQuery(type: type, q: q, limit: 1))
              }).rows.isEmpty
        else { return q }
        return bare
    }
}
