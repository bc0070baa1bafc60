using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RevisionReferenceIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReferenceIds",
                table: "Revisions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReferenceIds",
                table: "Revisions");
        }
    }
}
