using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchSynonyms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SynonymGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Phrases = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SynonymGroups", x => x.Id);
                });

            // A starting synonym list, which editors change in the admin (Search synonyms).
            migrationBuilder.InsertData(
                table: "SynonymGroups",
                column: "Phrases",
                values: new object[]
                {
                    "microbiome, microbiota, gut flora, gut bacteria, intestinal flora, gut microbes",
                    "c section, cesarean, caesarean",
                    "baby, babies, infant, infants, newborn, newborns",
                    "inflammation, inflammatory, inflamed",
                    "leaky gut, intestinal permeability",
                    "gi tract, gastrointestinal tract, digestive tract",
                });

            // "Did you mean" reads the words as written: the lexemes of each entry's 'simple' (unstemmed) tsvector, added
            // by a trigger as entries are written. Words are only added: a word no longer in any entry stays, and a
            // correction is only offered when it finds something. COLLATE "C" lets LIKE 'a%' use the primary key.
            migrationBuilder.Sql("""
                CREATE TABLE "SearchWords" ("Word" text COLLATE "C" PRIMARY KEY);
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "SearchWords_Add"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "SearchWords" ("Word")
                    SELECT lexeme FROM unnest(to_tsvector('simple', NEW."Heading" || ' ' || NEW."Body")) ORDER BY lexeme
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_AddWords" AFTER INSERT OR UPDATE ON "SearchEntries"
                FOR EACH ROW EXECUTE FUNCTION "SearchWords_Add"();
                """);
            migrationBuilder.Sql("""
                INSERT INTO "SearchWords" ("Word")
                SELECT DISTINCT w.lexeme FROM "SearchEntries" e, unnest(to_tsvector('simple', e."Heading" || ' ' || e."Body")) w
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_AddWords" ON "SearchEntries";""");
            migrationBuilder.Sql("""DROP FUNCTION "SearchWords_Add"();""");
            migrationBuilder.Sql("""DROP TABLE "SearchWords";""");
            migrationBuilder.DropTable(
                name: "SynonymGroups");
        }
    }
}
