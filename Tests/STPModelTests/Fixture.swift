@testable import STPModel

/// A small, valid data directory held in memory; tests change one file to break it.
enum Fixture {
  static let footprints = """
    code,name,region,population,population_year,ons_population,ons_aged_65_plus,ons_aged_85_plus,ons_year,ons_source,source
    E1,Alpha,North,1000000,2017,900000,180000,27000,mid-2017,ons test,test
    E2,Beta,South,500000,2016,600000,150000,15000,mid-2017,ons test,test
    E3,Gamma,South,,,300000,60000,9000,mid-2017,ons test,test
    E4,Delta,North,2000000,2018,1900000,285000,38000,mid-2017,ons test,test

    """
  static let ratings = """
    period,code,band,source
    2017-07,E1,Outstanding,test
    2017-07,E2,Advanced,test
    2017-07,E4,Advanced,test

    """
  static let partners = """
    code,organisation,sector,source
    E1,Alpha CCG,commissioner,test
    E1,Alpha Hospital,acute,test
    E1,Alpha Council,local-authority,test
    E1,Alpha Housing,housing,test
    E2,Beta CCG,commissioner,test
    E2,Beta Hospital,acute,test

    """
  static let waves = """
    wave,name,national_amount,source
    w1,Wave one,100000000,test
    w2,Wave two,,test

    """
  static let funding = """
    code,wave,announced,kind,scheme,amount_min,amount_max,basis,source
    E1,w1,2017-07,scheme,Hub,10000000,10000000,exact,test
    E1,w1,2017-07,scheme,Centre,,5000000,up to,test
    E2,w1,2017-07,scheme,Clinic,2000000,4000000,range,test
    E2,w1,2017-07,stp-total,All Beta,3000000,,at least,test
    E4,w2,2017-11,recipient,Named,,,,test

    """

  static func files(replacing name: String? = nil, with text: String? = nil)
    -> [(name: String, bytes: [UInt8])]
  {
    var files: [(String, String)] = [
      ("footprints.csv", footprints), ("ratings.csv", ratings), ("partners.csv", partners),
      ("waves.csv", waves), ("funding.csv", funding),
    ]
    if let name {
      files.removeAll { $0.0 == name }
      if let text { files.append((name, text)) }
    }
    return files.map { ($0.0, Array($0.1.utf8)) }
  }

  static func load(replacing name: String? = nil, with text: String? = nil) throws(DatasetLoadError)
    -> LoadResult
  {
    try DatasetLoader.load(files: files(replacing: name, with: text), origin: "fixture")
  }

  /// The errors of a load that must fail.
  static func errors(replacing name: String, with text: String) -> [ValidationIssue] {
    do {
      _ = try load(replacing: name, with: text)
      return []
    } catch {
      return error.errors
    }
  }

  static func errors(replacing name: String, with bytes: [UInt8]) -> [ValidationIssue] {
    var files = files(replacing: name)
    files.append((name, bytes))
    do {
      _ = try DatasetLoader.load(files: files, origin: "fixture")
      return []
    } catch {
      return error.errors
    }
  }
}
