package dev.tollgate.server;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens each connection from a JDBC URL through the drivers on the class path, without a
 * pool: the decision log holds one connection and opens another only after a failure, so a pool (and a pool
 * to close) would buy it nothing. Thread-safe and immutable.
 */
final class DriverDataSource implements DataSource {
  private final String url;

  DriverDataSource(String url) {
    this.url = url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw redacted(e);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url, username, password);
    } catch (SQLException e) {
      throw redacted(e);
    }
  }

  /**
   * The driver's failure with any password of the URL masked: drivers quote the URL they could not use
   * (PostgreSQL's does), and the message reaches stderr and logs. The cause is left off, as it quotes it too.
   */
  private SQLException redacted(SQLException e) {
    String message = e.getMessage() == null ? null : e.getMessage().replace(url, DecisionServer.redacted(url));
    SQLException masked = new SQLException(message == null ? null : DecisionServer.redacted(message), e.getSQLState(),
        e.getErrorCode());
    masked.setStackTrace(e.getStackTrace());
    return masked;
  }

  @Override
  public PrintWriter getLogWriter() {
    return DriverManager.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    throw new UnsupportedOperationException("the log writer of DriverManager is global; set it there");
  }

  @Override
  public void setLoginTimeout(int seconds) {
    throw new UnsupportedOperationException("the login timeout of DriverManager is global; set it there");
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverDataSource[" + DecisionServer.redacted(url) + "]";
  }
}
