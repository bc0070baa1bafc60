using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublishedSectionSlugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The start that applies it also dates at their publication the editions scheduled before they were dated so
            // (DatabaseInitializer): every database that may hold one lacks this migration.
            migrationBuilder.CreateTable(
                name: "PublishedSectionSlugs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedSectionSlugs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedSectionSlugs_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedSectionSlugs_ArticleId_Slug",
                table: "PublishedSectionSlugs",
                columns: new[] { "ArticleId", "Slug" },
                unique: true);

            // The sections readers see now were published under their slugs: each is matched by its slug to its section in
            // the working copy. A section renamed there and not published yet matches none, and goes unrecorded.
            migrationBuilder.Sql("""
                INSERT INTO "PublishedSectionSlugs" ("ArticleId", "SectionId", "Slug")
                SELECT s."ArticleId", s."Id", s."Slug" FROM "Sections" AS s
                JOIN "ReaderEditions" AS e ON e."ArticleId" = s."ArticleId"
                WHERE instr(char(10) || e."SectionSlugs" || char(10), char(10) || s."Slug" || char(10)) > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedSectionSlugs");
        }
    }
}
