"""Create the PostgreSQL database of a gradebook URL: ``python -m nbgrader_sandbox.database URL``.

nbgrader creates its tables in the database its ``db_url`` names, but not the database itself. This connects to the
server's maintenance database (``postgres``) as the URL's user and creates the database if it is missing; it does
nothing to one that exists. The user needs the right to create databases (``CREATEDB``).
"""

import argparse
import sys


def create_database(url: str) -> bool:
    """Create the database that ``url`` (``postgresql+psycopg2://user[:password]@host[:port]/name``) names, if it
    is missing; return whether it was created."""
    import psycopg2
    from psycopg2 import sql
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    if not parts.drivername.startswith("postgresql") or not parts.database:
        raise ValueError(f"not the URL of a PostgreSQL database: {url}")
    connection = psycopg2.connect(host=parts.host, port=parts.port, user=parts.username, password=parts.password,
                                  dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parts.database,))
            if cursor.fetchone():
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parts.database)))
            return True
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="postgresql+psycopg2://user@host[:port]/database")
    url = parser.parse_args(argv).url
    try:
        created = create_database(url)
    except Exception as error:  # noqa: BLE001 - the instructor reads the reason
        print(f"error: could not create the database of {url}: {error}", file=sys.stderr)
        return 2
    print(f"{'created' if created else 'already there:'} the database of {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
