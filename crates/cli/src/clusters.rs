use std::io::Write;

use clap::{Subcommand, ValueEnum};
use clusterdesk_core::clusters::{self, ClusterQuery, ClusterRow, ClusterSort, LabelFilter, MembershipStatus, Sector};
use clusterdesk_core::anaf::check::AnafFlag;
use clusterdesk_core::eligibility::EligibilityFilter;
use clusterdesk_core::geo::Region;
use clusterdesk_core::i18n::{Lang, format_date, format_decimal, format_money, t};
use clusterdesk_core::timeline::{TimelineItem, TimelineKind, TimelineQuery};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum ClustersCommand {
    /// Lists member clusters: the same query, filters and sort as the app's list.
    List(ListArgs),
    /// Everything the association did with or for one cluster, newest first (the cluster page's
    /// Timeline tab, the same query).
    Timeline(TimelineArgs),
}

#[derive(clap::Args)]
pub struct TimelineArgs {
    #[arg(long)]
    cluster: i64,
    /// Only these kinds (request, activity, assessment, sme_audit, training, event, introduction,
    /// project, consultation, fee, payment, label, change, request_closed); all when omitted.
    #[arg(long, value_parser = parse_code::<TimelineKind>(TimelineKind::parse))]
    kind: Vec<TimelineKind>,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    to: Option<String>,
    #[arg(long, default_value_t = 100)]
    limit: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::Args)]
pub struct ListArgs {
    /// Words to find in names, CUI, city, county or member organisations (case and diacritics ignored).
    #[arg(long)]
    search: Option<String>,
    #[arg(long, value_parser = parse_code::<Sector>(Sector::parse))]
    sector: Vec<Sector>,
    #[arg(long, value_parser = parse_code::<Region>(region))]
    region: Vec<Region>,
    /// County code, e.g. BV.
    #[arg(long)]
    county: Vec<String>,
    #[arg(long, value_parser = parse_code::<MembershipStatus>(MembershipStatus::parse))]
    status: Vec<MembershipStatus>,
    #[arg(long, value_parser = parse_code::<LabelFilter>(LabelFilter::parse))]
    label: Vec<LabelFilter>,
    /// Only clusters with unpaid fees of past years.
    #[arg(long)]
    unpaid: bool,
    /// eccp_met, eccp_not_met, national_met or national_not_met (the EU platform's or the national criteria).
    #[arg(long, value_parser = parse_code::<EligibilityFilter>(EligibilityFilter::parse))]
    eligibility: Vec<EligibilityFilter>,
    /// Flagged by ANAF's membership check (the cluster or a member): inactive, struck_off, changed or unknown.
    #[arg(long, value_parser = parse_code::<AnafFlag>(AnafFlag::parse))]
    anaf: Option<AnafFlag>,
    /// The archive instead of the current records.
    #[arg(long)]
    archived: bool,
    #[arg(long, value_parser = parse_code::<ClusterSort>(ClusterSort::parse), default_value = "name")]
    sort: ClusterSort,
    #[arg(long)]
    desc: bool,
    /// Rows to print (all of them when omitted).
    #[arg(long)]
    limit: Option<i64>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn region(code: &str) -> Option<Region> {
    Region::ALL.into_iter().find(|r| r.code() == code)
}

fn parse_code<T: Clone + Send + Sync + 'static>(
    parse: fn(&str) -> Option<T>,
) -> impl Fn(&str) -> std::result::Result<T, String> + Clone + Send + Sync + 'static {
    move |value| parse(value).ok_or_else(|| format!("unknown value '{value}'"))
}

pub async fn run(store: &Store, lang: Lang, command: ClustersCommand) -> Result<()> {
    match command {
        ClustersCommand::List(args) => list(store, lang, args).await,
        ClustersCommand::Timeline(args) => timeline(store, lang, args).await,
    }
}

async fn list(store: &Store, lang: Lang, args: ListArgs) -> Result<()> {
    let query = ClusterQuery {
        search: args.search.unwrap_or_default(),
        sectors: args.sector,
        regions: args.region,
        counties: args.county.iter().map(|c| c.trim().to_ascii_uppercase()).collect(),
        statuses: args.status,
        labels: args.label,
        unpaid_only: args.unpaid,
        eligibility: args.eligibility,
        anaf: args.anaf,
        archived: args.archived,
        sort: args.sort,
        descending: args.desc,
        offset: 0,
        limit: 0,
    };
    let mut rows = clusters::list_all(store, &query).await?;
    let total = rows.len() as i64;
    if let Some(limit) = args.limit {
        rows.truncate(usize::try_from(limit).unwrap_or(0));
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(headers(lang)).map_err(std::io::Error::other)?;
            for row in &rows {
                writer.write_record(cells(lang, row)).map_err(std::io::Error::other)?;
            }
            writer.flush()?;
        }
        Format::Table => {
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED).set_header(headers(lang));
            for row in &rows {
                table.add_row(cells(lang, row));
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{}", t(lang, "cli.matches", &[("count", &total.to_string())]))?;
        }
    }
    Ok(())
}

async fn timeline(store: &Store, lang: Lang, args: TimelineArgs) -> Result<()> {
    let query = TimelineQuery {
        cluster_id: args.cluster,
        kinds: args.kind,
        from: args.from,
        to: args.to,
        offset: 0,
        limit: args.limit,
    };
    let page = clusterdesk_core::timeline::timeline(store, &query).await?;
    let mut out = std::io::stdout().lock();
    if let Format::Json = args.format {
        serde_json::to_writer_pretty(&mut out, &page).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    let headers: Vec<String> = ["date", "kind", "title", "context", "staff", "hours"]
        .iter()
        .map(|f| t(lang, &format!("timeline.field.{f}"), &[]))
        .collect();
    let cells = |item: &TimelineItem| -> Vec<String> {
        let date = chrono::NaiveDate::parse_from_str(&item.date, "%Y-%m-%d")
            .map(|d| format_date(lang, d))
            .unwrap_or_else(|_| item.date.clone());
        vec![
            date,
            t(lang, &format!("timeline.kind.{}", item.kind.code()), &[]),
            item.title.clone(),
            item.context.clone(),
            item.staff.clone().unwrap_or_default(),
            item.minutes.map(|m| format_decimal(lang, (m * 100 + 30) / 60)).unwrap_or_default(),
        ]
    };
    if let Format::Csv = args.format {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&headers).map_err(std::io::Error::other)?;
        for item in &page.items {
            writer.write_record(cells(item)).map_err(std::io::Error::other)?;
        }
        writer.flush()?;
        return Ok(());
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(headers);
    for item in &page.items {
        table.add_row(cells(item));
    }
    writeln!(out, "{}", page.cluster_name)?;
    writeln!(out, "{table}")?;
    writeln!(out, "{}", t(lang, "cli.matches", &[("count", &page.total.to_string())]))?;
    Ok(())
}

fn headers(lang: Lang) -> Vec<String> {
    ["name", "cui", "city", "county", "region", "sectors", "status", "label", "members", "unpaid"]
        .iter()
        .map(|f| t(lang, &format!("cluster.field.{f}"), &[]))
        .collect()
}

fn cells(lang: Lang, row: &ClusterRow) -> Vec<String> {
    let sectors: Vec<String> = row.sectors.iter().map(|s| t(lang, &format!("sector.{}", s.code()), &[])).collect();
    vec![
        row.name.clone(),
        row.cui.clone(),
        row.city.clone(),
        row.county_name.clone(),
        t(lang, &format!("region.{}", row.region.code()), &[]),
        sectors.join(", "),
        t(lang, &format!("status.{}", row.status.code()), &[]),
        row.label.map(|l| t(lang, &format!("label.{}", l.code()), &[])).unwrap_or_default(),
        row.org_count.to_string(),
        if row.unpaid_bani > 0 { format_money(lang, row.unpaid_bani) } else { String::new() },
    ]
}
