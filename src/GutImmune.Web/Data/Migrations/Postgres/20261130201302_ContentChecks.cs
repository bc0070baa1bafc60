using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Evidence",
                table: "Citations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "NotClassified"); // existing references: not classified until an editor judges them

            migrationBuilder.AddColumn<string>(
                name: "NoCitationNeeded",
                table: "Articles",
                type: "text",
                nullable: false,
                defaultValue: "[]"); // existing articles: no marks
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Evidence",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "NoCitationNeeded",
                table: "Articles");
        }
    }
}
